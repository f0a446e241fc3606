// The daemon's mark on its data directory: a live owner is respected, a dead or recycled pid is not.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { claimDataDir, dataDirOwner } from "./data-dir-lock.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "cfg-lock-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function startTimeOf(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]!;
}

describe("data directory lock", () => {
  it("writes its pid with its start time, and removes the file on release", () => {
    const release = claimDataDir(dir);
    expect(JSON.parse(readFileSync(join(dir, "daemon.pid"), "utf8"))).toEqual({ pid: process.pid, startTime: startTimeOf(process.pid) });
    expect(dataDirOwner(dir)).toBeUndefined(); // this process does not count as "another daemon"
    release();
    expect(existsSync(join(dir, "daemon.pid"))).toBe(false);
  });

  it("refuses a live owner; takes over from a dead one or a recycled pid", async () => {
    const other = spawn("sleep", ["30"]);
    try {
      writeFileSync(join(dir, "daemon.pid"), JSON.stringify({ pid: other.pid, startTime: startTimeOf(other.pid!) }));
      expect(dataDirOwner(dir)).toBe(other.pid);
      expect(() => claimDataDir(dir)).toThrow(`data directory ${dir} is in use by another cf-gitops daemon (pid ${other.pid})`);
      // Same pid, different start time: the pid was reused by an unrelated process after a crash.
      writeFileSync(join(dir, "daemon.pid"), JSON.stringify({ pid: other.pid, startTime: "1" }));
      expect(dataDirOwner(dir)).toBeUndefined();
    } finally {
      await new Promise((resolve) => { other.once("exit", resolve); other.kill("SIGKILL"); });
    }
    writeFileSync(join(dir, "daemon.pid"), JSON.stringify({ pid: other.pid }));
    expect(dataDirOwner(dir)).toBeUndefined();
    claimDataDir(dir)();
    writeFileSync(join(dir, "daemon.pid"), "not json");
    expect(dataDirOwner(dir)).toBeUndefined();
  });
});
