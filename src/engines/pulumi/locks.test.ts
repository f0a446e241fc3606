import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EngineBusyError } from "../../shared/errors.ts";
import { silentLogger } from "../../shared/logger.ts";
import { acquireJobLock, lockDirs, processAlive, removeStaleLocks } from "./locks.ts";

let dir: string;

/** A pid that existed and is gone. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((resolve) => child.once("exit", resolve));
  return child.pid!;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cf-gitops-locks-"));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe("Pulumi's locks on a file backend", () => {
  it("removes this host's locks whose CLI is gone, and no other", async () => {
    const backend = pathToFileURL(join(dir, "backend")).href;
    const [projectDir, legacyDir] = lockDirs(backend, "cf-gitops", "default");
    expect(projectDir).toBe(join(dir, "backend", ".pulumi", "locks", "organization", "cf-gitops", "default"));
    await mkdir(projectDir!, { recursive: true });
    await mkdir(legacyDir!, { recursive: true });
    const running = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)", "pulumi-up-stand-in"], { stdio: "ignore" });
    try {
      const lock = (pid: number, host = hostname()) => JSON.stringify({ pid, username: "cf-gitops", hostname: host, timestamp: new Date().toISOString() });
      const dead = await deadPid();
      await writeFile(join(projectDir!, "stale.json"), lock(dead));
      await writeFile(join(legacyDir!, "stale-legacy.json"), lock(dead));
      await writeFile(join(projectDir!, "running.json"), lock(running.pid!));
      await writeFile(join(projectDir!, "other-host.json"), lock(dead, "some-other-host"));
      // a live pid that is not a pulumi process (the pid was recycled) is stale too
      await writeFile(join(projectDir!, "recycled.json"), lock(process.pid));
      // and so is a lock taken before this host last booted, whoever has the pid now
      await writeFile(join(projectDir!, "before-boot.json"), JSON.stringify({ pid: running.pid, hostname: hostname(), timestamp: "2001-01-01T00:00:00Z" }));
      const removed = await removeStaleLocks(backend, "cf-gitops", "default", silentLogger());
      expect(removed.map((file) => file.slice(dir.length)).sort()).toEqual(
        [
          "/backend/.pulumi/locks/default/stale-legacy.json",
          "/backend/.pulumi/locks/organization/cf-gitops/default/before-boot.json",
          "/backend/.pulumi/locks/organization/cf-gitops/default/recycled.json",
          "/backend/.pulumi/locks/organization/cf-gitops/default/stale.json",
        ].sort(),
      );
      expect(existsSync(join(projectDir!, "running.json"))).toBe(true);
      expect(existsSync(join(projectDir!, "other-host.json"))).toBe(true);
    } finally {
      running.kill("SIGKILL");
    }
  });

  it("leaves other backends alone", async () => {
    expect(lockDirs("s3://bucket/state?endpoint=x", "cf-gitops", "default")).toEqual([]);
    expect(await removeStaleLocks("https://api.pulumi.com", "cf-gitops", "default", silentLogger())).toEqual([]);
  });

  it("tells a live process from a gone one, and a recycled pid from the program named", async () => {
    expect(processAlive(await deadPid(), "node")).toBe(false);
    expect(processAlive(process.pid, "node")).toBe(true);
    expect(processAlive(process.pid, "pulumi-not-this")).toBe(process.platform !== "linux");
    expect(processAlive(0, "node")).toBe(false);
  });
});

describe("cf-gitops' job lock per stack", () => {
  it("one run per stack at a time; released, it can be taken again", async () => {
    const work = join(dir, "workspace");
    const first = await acquireJobLock(work, "default", silentLogger());
    const busy = acquireJobLock(work, "default", silentLogger());
    await expect(busy).rejects.toBeInstanceOf(EngineBusyError);
    await expect(acquireJobLock(work, "default", silentLogger())).rejects.toThrow(`stack default is already being run by cf-gitops (pid ${process.pid} on ${hostname()}`);
    // another stack is not held up
    const other = await acquireJobLock(work, "staging", silentLogger());
    await other.release();
    await first.release();
    const again = await acquireJobLock(work, "default", silentLogger());
    await again.release();
  });

  it("takes over a lock taken before the host booted, even when its pid is a live node process now", async () => {
    const work = join(dir, "workspace-3");
    await mkdir(join(work, ".cf-gitops-jobs"), { recursive: true });
    const other = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    try {
      await writeFile(join(work, ".cf-gitops-jobs", "default.json"), JSON.stringify({ pid: other.pid, hostname: hostname(), startedAt: "2001-01-01T00:00:00Z" }));
      const lock = await acquireJobLock(work, "default", silentLogger());
      await lock.release();
      await writeFile(join(work, ".cf-gitops-jobs", "default.json"), JSON.stringify({ pid: other.pid, hostname: hostname(), startedAt: new Date().toISOString() }));
      await expect(acquireJobLock(work, "default", silentLogger())).rejects.toBeInstanceOf(EngineBusyError);
    } finally {
      other.kill("SIGKILL");
    }
  });

  it("takes over the lock of a run that is gone (a crash, kill -9)", async () => {
    const work = join(dir, "workspace-2");
    await mkdir(join(work, ".cf-gitops-jobs"), { recursive: true });
    const file = join(work, ".cf-gitops-jobs", "default.json");
    await writeFile(file, JSON.stringify({ pid: await deadPid(), hostname: hostname(), startedAt: "2026-11-28T10:00:00Z" }));
    const lock = await acquireJobLock(work, "default", silentLogger());
    expect(JSON.parse(await readFile(file, "utf8"))).toMatchObject({ pid: process.pid });
    await lock.release();
    expect(existsSync(file)).toBe(false);
  });
});
