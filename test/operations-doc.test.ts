// docs/operations.md names only commands and flags that exist: each `cf-gitops <command> --flag`
// is in that command's --help, and each install.sh flag is in the installer's --help.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { commands } from "../src/cli/commands.ts";

const repoRoot = resolve(import.meta.dirname, "..");
const doc = readFileSync(join(repoRoot, "docs/operations.md"), "utf8");

/** [command, flag] for every `cf-gitops <command> ...--flag` on one line of the doc. */
function cliFlags(text: string): [string, string][] {
  return text.split("\n").flatMap((line) =>
    [...line.matchAll(/cf-gitops (\w[\w-]*)((?: [^`|]*)?)/g)].flatMap(([, command, rest]) =>
      command! in commands ? [...rest!.matchAll(/(?<![\w-])(--[a-z][a-z-]*)/g)].map(([, flag]) => [command!, flag!] as [string, string]) : [],
    ),
  );
}

describe("docs/operations.md", () => {
  it("uses only commands and flags the CLI has", async () => {
    const pairs = cliFlags(doc);
    expect(pairs.length).toBeGreaterThan(8);
    expect(new Set(pairs.map(([command]) => command))).toEqual(new Set(["backup", "restore", "daemon"]));
    for (const [command, flag] of pairs) {
      const { help } = await commands[command]!.load();
      expect(help, `cf-gitops ${command} ${flag}`).toContain(flag);
    }
  });

  it("uses only flags deploy/install.sh has", () => {
    const help = spawnSync("sh", [join(repoRoot, "deploy/install.sh"), "--help"], { encoding: "utf8" }).stdout;
    const flags = [...doc.matchAll(/install\.sh[^\n`]*/g)].flatMap(([line]) => [...line.matchAll(/(--[a-z][a-z-]*)/g)].map(([, flag]) => flag!));
    const optionsParagraph = doc.slice(doc.indexOf("Options: `--repo"), doc.indexOf("Then fill in"));
    flags.push(...[...optionsParagraph.matchAll(/`(--[a-z][a-z-]*)/g)].map(([, flag]) => flag!));
    expect(new Set(flags)).toEqual(new Set(["--repo", "--branch", "--dry-run", "--uninstall", "--prefix", "--backup-dir", "--keep-backups", "--user", "--root"]));
    for (const flag of flags) expect(help, flag).toContain(flag);
  });
});
