// The shell commands the docs give people to run, read from the docs themselves, so that the tests
// that run them (test/packed-tool.test.ts, test/docs-run.test.ts) run what the docs say.
import { readDoc } from "./markdown.ts";

/** Every fenced `sh` block, indented ones (inside list items) too, with its indentation removed. */
export function shellBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^( *)```sh\n([\s\S]*?)^\1```$/gm)].map(([, indent, body]) =>
    body!.split("\n").map((line) => line.slice(indent!.length)).join("\n"),
  );
}

/** A block's commands: `\` continuations joined, comments and blank lines dropped. */
export function commandsOf(block: string): string[] {
  return block
    .replace(/\\\n\s*/g, "")
    .split("\n")
    .map((line) => line.replace(/(^|\s)#.*$/, "").trim())
    .filter((line) => line !== "");
}

/** The commands of the first `sh` block after `heading` (a line of the doc) and after `after`, if given. */
export function docCommands(doc: string, heading: string, after?: string): string[] {
  const text = readDoc(doc);
  const start = text.indexOf(heading);
  if (start < 0) throw new Error(`${doc}: no "${heading}"`);
  const from = after === undefined ? start : text.indexOf(after, start);
  if (from < 0) throw new Error(`${doc}: no "${after}" after "${heading}"`);
  const [block] = shellBlocks(text.slice(from));
  if (block === undefined) throw new Error(`${doc}: no sh block after "${after ?? heading}"`);
  return commandsOf(block);
}
