// Where the docs name cf-gitops commands and flags (test/docs-commands.test.ts runs them with --help).
import { commands } from "../../src/cli/commands.ts";

/** Inline code spans and the lines of fenced blocks: where commands are written to be run. */
function codeLines(markdown: string): string[] {
  const lines: string[] = [];
  // A `text` block is output (error messages that mention cf-gitops), not commands.
  // Fences may be indented (a block inside a list item).
  const prose = markdown.replace(/^( *)```([^\n]*)\n([\s\S]*?)^\1```$/gm, (_, _indent: string, info: string, body: string) => {
    if (info.trim() !== "text") lines.push(...body.split("\n"));
    return "";
  });
  for (const [, span] of prose.matchAll(/`([^`\n]+)`/g)) lines.push(span!);
  return lines;
}

export interface Mention {
  doc: string;
  command: string;
  subcommand?: string;
  flags: string[];
  text: string;
}

const flagPattern = /(?<![\w-])(--[a-z][a-z-]*)/g;

/** `cf-gitops <word> <rest>` up to the next shell separator or comment; or a code span that starts with a command and has flags (the README's table: `plan [--stack] ...`). */
export function mentions(doc: string, markdown: string): Mention[] {
  return codeLines(markdown).flatMap((line) => {
    const found: Mention[] = [];
    for (const [text, word, rest] of line.matchAll(/(?<![\w-]|-u )cf-gitops (\w[\w-]*)([^|;&#`)]*)/g)) found.push(mention(doc, word!, rest!, text));
    const entry = /^(\w[\w-]*)( .*--[a-z].*)$/.exec(line.trim());
    if (found.length === 0 && entry && entry[1]! in commands) found.push(mention(doc, entry[1]!, entry[2]!, line));
    return found;
  });
}

function mention(doc: string, command: string, rest: string, text: string): Mention {
  const subcommand = command === "github" ? /^ (\w[\w-]*)/.exec(rest)?.[1] : undefined;
  return { doc, command, ...(subcommand ? { subcommand } : {}), flags: [...rest.matchAll(flagPattern)].map(([, flag]) => flag!), text: text.trim() };
}
