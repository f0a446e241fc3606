import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openHistory } from "../history/store.ts";
import { seedHistory } from "../status/test-fixtures.ts";
import type { CliIo } from "./io.ts";
import { main } from "./main.ts";

let dir: string;

function io(env: NodeJS.ProcessEnv = {}) {
  const out = { stdout: "", stderr: "" };
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on("data", (chunk: Buffer) => (out.stdout += chunk.toString()));
  stderr.on("data", (chunk: Buffer) => (out.stderr += chunk.toString()));
  const cli: CliIo = { stdout, stderr, stdin: new PassThrough(), env, cwd: dir };
  return { cli, out };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "cfg-cli-history-"));
  const history = openHistory(join(dir, ".cf-gitops", "history.sqlite"));
  seedHistory(history);
  const evil = history.startRun({ stack: "lab", kind: "apply", trigger: "poll" });
  history.setCommit(evil, { commit: "9".repeat(40), message: "hi \u001b[31mred\u001b[0m there" });
  history.finishRun(evil, { result: "failure", error: "zone example.org not found" });
  history.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("cf-gitops history", () => {
  it("lists runs newest first as a table, with errors and without terminal escapes", async () => {
    const { cli, out } = io();
    expect(await main(["history"], cli)).toBe(0);
    const lines = out.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^RUN\s+STARTED \(UTC\)\s+STACK\s+KIND\s+TRIGGER\s+COMMIT\s+RESULT\s+DURATION\s+CHANGES\s+MESSAGE$/);
    expect(lines[1]).toMatch(/^#4\s+\S+ \S+\s+lab\s+apply\s+poll\s+9999999\s+failure\s+.*hi \?\[31mred\?\[0m there$/);
    expect(lines[2]).toBe("      error: zone example.org not found");
    expect(out.stdout).toMatch(/#1 .*prod\s+apply\s+webhook\s+1a2b3c4\s+success\s+4\.2 s\s+\+1 ~0 -0/);
    expect(out.stdout).not.toContain("\u001b");
  });

  it("filters by stack and limit, and prints one JSON document", async () => {
    const { cli, out } = io();
    expect(await main(["history", "--stack", "prod", "--limit", "2", "--format", "json"], cli)).toBe(0);
    const document = JSON.parse(out.stdout) as { runs: { id: number; stack: string }[] };
    expect(document.runs.map((run) => run.id)).toEqual([3, 2]);
  });

  it("shows one run in full", async () => {
    const { cli, out } = io();
    expect(await main(["history", "--run", "2"], cli)).toBe(0);
    expect(out.stdout).toContain("run #2: apply of stack prod, failure");
    expect(out.stdout).toContain("diagnostic: desired-state/zones/example.com.yaml:4:3: bad indentation");
  });

  it("reads --data-dir and $CFGITOPS_DATA_DIR, and says when there is no history without creating one", async () => {
    const { cli, out } = io({ CFGITOPS_DATA_DIR: join(dir, "elsewhere") });
    expect(await main(["history", "--format", "json"], cli)).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({ runs: [] });
    expect(out.stderr).toContain(`no history yet at ${join(dir, "elsewhere", "history.sqlite")}`);
    expect(existsSync(join(dir, "elsewhere"))).toBe(false);
    const viaFlag = io({ CFGITOPS_DATA_DIR: join(dir, "elsewhere") });
    expect(await main(["history", "--data-dir", ".cf-gitops", "--limit", "1"], viaFlag.cli)).toBe(0);
    expect(viaFlag.out.stdout.split("\n")[1]).toMatch(/^#4 /);
  });

  it("rejects bad flags and unknown runs with a clear message", async () => {
    const bad = io();
    expect(await main(["history", "--limit", "0"], bad.cli)).toBe(1);
    expect(bad.out.stderr).toContain('--limit must be a whole number from 1 to 10000; got "0"');
    const format = io();
    expect(await main(["history", "--format", "yaml"], format.cli)).toBe(1);
    expect(format.out.stderr).toContain("--format must be one of text, json");
    const missing = io();
    expect(await main(["history", "--run", "99"], missing.cli)).toBe(1);
    expect(missing.out.stderr).toMatch(/error: no run #99 in .*history\.sqlite\nhint: list the runs with: cf-gitops history/);
    expect(missing.out.stdout).toBe("");
  });
});
