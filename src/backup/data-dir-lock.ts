// Marks a data directory as in use by a running daemon (<data dir>/daemon.pid), so `restore` can
// refuse to overwrite it. The file holds the pid and, on Linux, the process start time from
// /proc/<pid>/stat, so a pid reused after a crash is not mistaken for the daemon.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BackupError } from "./errors.ts";

export const pidFileName = "daemon.pid";

interface PidFile {
  pid: number;
  /** Field 22 of /proc/<pid>/stat (clock ticks since boot); absent where /proc is not available. */
  startTime?: string;
}

/** Start time and state of a process from /proc, or undefined when /proc cannot tell. */
function procStat(pid: number): { startTime: string; zombie: boolean } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // fields from 3 (state) on
    return { startTime: fields[19] ?? "", zombie: fields[0] === "Z" };
  } catch {
    return undefined;
  }
}

function isAlive(owner: PidFile): boolean {
  if (procStat(process.pid) !== undefined) {
    const stat = procStat(owner.pid);
    if (!stat || stat.zombie) return false;
    return owner.startTime === undefined || stat.startTime === owner.startTime;
  }
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // alive, owned by another user
  }
}

function readPidFile(dataDir: string): PidFile | undefined {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, pidFileName), "utf8")) as PidFile;
    return Number.isInteger(parsed.pid) && parsed.pid > 0 ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The pid of the live daemon using this data directory, or undefined. */
export function dataDirOwner(dataDir: string): number | undefined {
  const owner = readPidFile(dataDir);
  return owner && owner.pid !== process.pid && isAlive(owner) ? owner.pid : undefined;
}

/** Claims the data directory for this process; returns the release function. */
export function claimDataDir(dataDir: string): () => void {
  const owner = dataDirOwner(dataDir);
  if (owner !== undefined) {
    throw new BackupError(`data directory ${dataDir} is in use by another cf-gitops daemon (pid ${owner})`, {
      hint: "stop that daemon first, or give this one its own --data-dir",
    });
  }
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, pidFileName);
  const startTime = procStat(process.pid)?.startTime;
  const own: PidFile = { pid: process.pid, ...(startTime ? { startTime } : {}) };
  writeFileSync(file, `${JSON.stringify(own)}\n`);
  return () => {
    if (readPidFile(dataDir)?.pid === process.pid) rmSync(file, { force: true });
  };
}
