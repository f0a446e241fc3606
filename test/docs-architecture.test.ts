// docs/architecture.md draws the pipeline in mermaid, names every folder of src/ (and no folder that
// is gone), and every path and file it names exists.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fencedBlocks, prose, readDoc, repoRoot } from "./support/markdown.ts";

const doc = readDoc("docs/architecture.md");

function sourceFiles(dir: string): string[] {
  return readdirSync(join(repoRoot, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : [entry.name],
  );
}

describe("docs/architecture.md", () => {
  it("draws the pipeline from git to history, metrics and the page as a mermaid flowchart", () => {
    const [diagram, ...more] = fencedBlocks(doc, "mermaid");
    expect(more).toEqual([]);
    expect(diagram).toMatch(/^flowchart (LR|TD|TB)\n/);
    // Each stage appears, in pipeline order (the first time each is named).
    const stages = ["git", "validate", "policy", "plan", "apply", "history", "metrics", "page"];
    const positions = stages.map((stage) => diagram!.search(new RegExp(`\\b${stage}\\b`)));
    expect(positions.every((position) => position >= 0), stages.filter((_, i) => positions[i]! < 0).join(", ")).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // Every edge joins declared nodes: a typo in a node id would draw a stray box.
    const declared = new Set([...diagram!.matchAll(/(?:^|\s)(\w+)(?=[[({])/gm)].map(([, id]) => id!));
    const used = [...diagram!.matchAll(/(\w+)\s*(?:-->|-\.->)(?:\|[^|]*\|)?\s*(\w+)/g)].flatMap(([, from, to]) => [from!, to!]);
    expect(used.length).toBeGreaterThan(10);
    for (const id of used) expect(declared, id).toContain(id);
  });

  it("names every folder of src/ in its folders table, and only folders that exist", () => {
    const section = doc.slice(doc.indexOf("## The folders"), doc.indexOf("## How a run flows"));
    const named = [...section.matchAll(/^\| `src\/([\w-]+)\/` \|/gm)].map(([, name]) => name!);
    const folders = readdirSync(join(repoRoot, "src"), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(named.sort(), "add a line for each new folder of src/ to docs/architecture.md, \"The folders\"").toEqual(folders.sort());
  });

  it("names only paths and source files that exist", () => {
    const text = prose(doc);
    const paths = [...text.matchAll(/`((?:src|docs|test|scripts|\.github)\/[\w./-]+)`/g)].map(([, path]) => path!.replace(/\/$/, ""));
    expect(paths.length).toBeGreaterThan(20);
    for (const path of paths) expect(existsSync(join(repoRoot, path)), path).toBe(true);
    const allFiles = new Set(sourceFiles("src"));
    const flow = text.slice(text.indexOf("## How a run flows"), text.indexOf("## The pieces"));
    const files = [...flow.matchAll(/`([\w-]+\.ts)`/g)].map(([, file]) => file!);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect(allFiles, file).toContain(file);
  });
});
