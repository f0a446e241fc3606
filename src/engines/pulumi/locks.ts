// Two kinds of lock around a Pulumi run.
// - Pulumi's own, on a DIY backend (a directory, or an S3-compatible bucket: s3-locks.ts):
//   <root>/.pulumi/locks/<stack path>/<uuid>.json with the CLI's pid and host. A CLI killed with
//   SIGKILL (by cf-gitops after a cancel, by systemd, by the OOM killer) leaves its lock, and every
//   later update then fails as "locked". Only a lock of this host whose process is gone is
//   removed, so a running CLI's lock is never touched. (Pulumi Cloud: `pulumi cancel`, by hand.)
// - cf-gitops' own per-stack job lock in the workspace, so one stack never has two runs at once
//   on this host (the daemon queues runs per stack; a manual `cf-gitops apply` next to it, or two
//   daemon children, must wait too), whatever Pulumi locks or not (a preview takes no lock).
import { readFileSync } from "node:fs";
import { mkdir, open, readdir, readFile, rm } from "node:fs/promises";
import { hostname, uptime } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { EngineBusyError } from "../../shared/errors.ts";
import type { Logger } from "../../shared/logger.ts";
import { lockPrefixes, s3Backend } from "./lock-keys.ts";

export interface LockContent {
  pid?: number;
  hostname?: string;
  timestamp?: string;
  startedAt?: string;
}

/** Whether `pid` is a live process whose command line mentions `name` (when /proc can tell). */
export function processAlive(pid: number, name: string): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  try {
    // a recycled pid (after a reboot, say) belongs to some other program
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(name);
  } catch {
    return true; // no /proc here: alive is all we know
  }
}

/** Taken before this host last booted: whatever process took it is gone, whatever has its pid now. */
export function takenBeforeBoot(timestamp: string | undefined): boolean {
  const taken = timestamp === undefined ? Number.NaN : Date.parse(timestamp);
  return Number.isFinite(taken) && taken < Date.now() - uptime() * 1000 - 60_000;
}

/** Where a file backend keeps the stack's locks (project layout, then the legacy one). */
export function lockDirs(backendUrl: string, project: string, stack: string): string[] {
  if (!backendUrl.startsWith("file://")) return [];
  return lockPrefixes(stack, project).map((prefix) => join(fileURLToPath(backendUrl), prefix.replace(/\/$/, "")));
}

/** A lock this host's pulumi took and whose process is gone (or gone since the last boot). */
export function isStaleLock(lock: LockContent | undefined): boolean {
  if (!lock || lock.hostname !== hostname() || typeof lock.pid !== "number") return false;
  return takenBeforeBoot(lock.timestamp) || !processAlive(lock.pid, "pulumi");
}

/**
 * Removes this host's Pulumi locks of the stack whose CLI is gone, on a file or S3-compatible
 * backend; returns what it removed. A bucket that cannot be read is logged, not fatal: the update
 * then reports the lock itself.
 */
export async function removeStaleLocks(backendUrl: string, project: string, stack: string, log: Logger, env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const bucket = s3Backend(backendUrl);
  if (!bucket) return removeStaleFileLocks(backendUrl, project, stack, log);
  try {
    const { removeStaleS3Locks } = await import("./s3-locks.ts");
    return await removeStaleS3Locks(bucket, project, stack, log, env);
  } catch (error) {
    log.warn({ stack, error: error instanceof Error ? error.message : String(error) }, "could not check the stack's pulumi locks in the bucket");
    return [];
  }
}

async function readLock(file: string): Promise<LockContent | undefined> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as LockContent;
  } catch {
    return undefined;
  }
}

/** Removes this host's Pulumi locks of the stack whose CLI is gone from a file backend; returns the files removed. */
export async function removeStaleFileLocks(backendUrl: string, project: string, stack: string, log: Logger): Promise<string[]> {
  const removed: string[] = [];
  for (const dir of lockDirs(backendUrl, project, stack)) {
    let names: string[];
    try {
      names = (await readdir(dir)).filter((name) => name.endsWith(".json"));
    } catch {
      continue;
    }
    for (const name of names) {
      const file = join(dir, name);
      const lock = await readLock(file);
      if (!isStaleLock(lock)) continue;
      await rm(file, { force: true });
      removed.push(file);
      log.warn({ stack, lock: file, pid: lock!.pid, since: lock!.timestamp }, "removed a stale pulumi lock left by a stopped CLI");
    }
  }
  return removed;
}

export interface JobLock {
  release(): Promise<void>;
}

/** Takes cf-gitops' lock on one stack in this workspace, or fails with EngineBusyError naming the holder. */
export async function acquireJobLock(workDir: string, stack: string, log: Logger): Promise<JobLock> {
  const dir = join(workDir, ".cf-gitops-jobs");
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${encodeURIComponent(stack)}.json`);
  const content: LockContent = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, "wx");
      await handle.writeFile(JSON.stringify(content));
      await handle.close();
      return { release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    // an unreadable holder may be one that has just created the file: busy, not stale
    const holder = await readLock(file);
    const gone = holder !== undefined && holder.hostname === hostname() && holder.pid !== process.pid && (takenBeforeBoot(holder.startedAt) || !processAlive(holder.pid ?? 0, "node"));
    if (!gone) {
      throw new EngineBusyError(`stack ${stack} is already being run by cf-gitops (pid ${holder?.pid ?? "?"} on ${holder?.hostname ?? "?"}, since ${holder?.startedAt ?? "?"})`, {
        hint: `wait for that run to finish; if no such process exists any more, delete ${file}`,
      });
    }
    log.warn({ stack, pid: holder?.pid }, "taking over the job lock of a cf-gitops run that is gone");
    await rm(file, { force: true });
  }
  throw new EngineBusyError(`could not take the job lock of stack ${stack}`, { hint: `delete ${file} if no cf-gitops run is active` });
}
