// Relative links in README.md and docs/ point at files that exist, and at headings those files have.
import { existsSync, readdirSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { describe, expect, it } from "vitest";
import { anchor, headings, prose, readDoc, repoRoot } from "./support/markdown.ts";

const docs = ["README.md", ...readdirSync(join(repoRoot, "docs")).filter((name) => name.endsWith(".md")).map((name) => `docs/${name}`), "docs/deploy/README.md"];

describe("links in the docs", () => {
  it("point at files and headings that exist", () => {
    const broken: string[] = [];
    let checked = 0;
    for (const doc of docs) {
      for (const [, target] of prose(readDoc(doc)).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue;
        const [path, fragment] = target!.split("#") as [string, string | undefined];
        const file = path === "" ? doc : normalize(join(dirname(doc), path));
        checked++;
        if (!existsSync(join(repoRoot, file))) broken.push(`${doc}: ${target} (no ${file})`);
        else if (fragment && file.endsWith(".md") && !headings(readDoc(file)).map(anchor).includes(fragment)) broken.push(`${doc}: ${target} (no heading #${fragment} in ${file})`);
      }
    }
    expect(checked).toBeGreaterThan(40);
    expect(broken).toEqual([]);
  });
});
