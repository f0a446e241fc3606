// Small readers for the docs tests: headings and their GitHub anchors, links, fenced blocks.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const repoRoot = resolve(import.meta.dirname, "../..");

export function readDoc(path: string): string {
  return readFileSync(join(repoRoot, path), "utf8");
}

/** The text outside fenced code blocks (a `#` comment in a shell block is not a heading). */
export function prose(markdown: string): string {
  return markdown.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, "");
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function anchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*]/g, "")
    .replace(/[^\p{L}\p{N} _-]/gu, "") // as GitHub's slugger: underscores stay (`CFGITOPS_READ_TOKEN`)
    .replace(/ /g, "-");
}

/** Every heading's text, level 2 and deeper. */
export function headings(markdown: string): string[] {
  return [...prose(markdown).matchAll(/^#{2,6} (.+)$/gm)].map(([, text]) => text!.trim());
}

/** The bodies of the fenced code blocks, optionally only those of one info string. */
export function fencedBlocks(markdown: string, info?: string): string[] {
  return [...markdown.matchAll(/^```([^\n]*)\n([\s\S]*?)^```$/gm)].filter(([, lang]) => info === undefined || lang!.trim() === info).map(([, , body]) => body!);
}
