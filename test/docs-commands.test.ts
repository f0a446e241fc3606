// Every command and flag the docs name exists: each `cf-gitops <command> ... --flag` (also with
// npx or an installed path in front) and each command-table entry (`plan [--stack] ...`) in README.md
// and docs/ is run as `cf-gitops <command> --help` (through main(), in-process), and the flag must be
// in what that prints. `github <subcommand>` is checked against the subcommand's help.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { commands } from "../src/cli/commands.ts";
import { runMain } from "./support/captured-io.ts";
import { mentions } from "./support/doc-commands.ts";
import { readDoc, repoRoot } from "./support/markdown.ts";

const docs = ["README.md", ...readdirSync(join(repoRoot, "docs")).filter((name) => name.endsWith(".md")).map((name) => `docs/${name}`), "docs/deploy/README.md"];

const all = docs.flatMap((doc) => mentions(doc, readDoc(doc)));
const helps = new Map<string, Promise<string>>();

function helpOf(argv: string[]): Promise<string> {
  const key = argv.join(" ");
  if (!helps.has(key)) helps.set(key, runMain([...argv, "--help"], { cwd: repoRoot }).then((run) => {
    if (run.code !== 0) throw new Error(`cf-gitops ${key} --help exited ${run.code}: ${run.stderr}`);
    return run.stdout;
  }));
  return helps.get(key)!;
}

describe("commands and flags named in the docs", () => {
  it("finds them in every doc that has them", () => {
    expect(all.length).toBeGreaterThan(80);
    for (const doc of ["README.md", "docs/operations.md", "docs/runbook.md", "docs/troubleshooting.md"]) expect(all.some((m) => m.doc === doc), doc).toBe(true);
    expect(all.filter((m) => m.flags.length > 0).length).toBeGreaterThan(40);
  });

  it("names only commands the CLI has", () => {
    const unknown = all.filter((m) => !(m.command in commands)).map((m) => `${m.doc}: ${m.text}`);
    expect(unknown).toEqual([]);
  });

  it("names only flags each command's --help lists", async () => {
    const missing: string[] = [];
    for (const m of all.filter((m) => m.command in commands)) {
      const help = await helpOf(m.subcommand ? [m.command, m.subcommand] : [m.command]);
      for (const flag of m.flags) if (!new RegExp(`(?<![\\w-])${flag}(?![\\w-])`).test(help)) missing.push(`${m.doc}: ${flag} in \`${m.text}\``);
    }
    expect(missing).toEqual([]);
  });

  it("would catch a flag that does not exist", async () => {
    const [fake] = mentions("x.md", "run `npx cf-gitops plan --stack a --no-such-flag && cf-gitops apply --yes`\n");
    expect(fake).toMatchObject({ command: "plan", flags: ["--stack", "--no-such-flag"] });
    expect(await helpOf(["plan"])).not.toMatch(/--no-such-flag/);
    expect(mentions("x.md", "| `daemon [--stack]... [--repo]` | x |\n")).toMatchObject([{ command: "daemon", flags: ["--stack", "--repo"] }]);
    expect(mentions("x.md", "sudo -u cf-gitops git fetch\n```text\nerror: cf-gitops needs to know\n```\n")).toEqual([]);
    // A block inside a list item is indented; its commands count too.
    expect(mentions("x.md", "4. On the Pi:\n\n   ```sh\n   npx cf-gitops daemon --hots 0.0.0.0\n   ```\n")).toMatchObject([{ command: "daemon", flags: ["--hots"] }]);
  });
});
