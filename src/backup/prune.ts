// Backup file names in a directory, and keeping only the newest N of them.
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

const pattern = /^cf-gitops-backup-\d{8}T\d{6}Z\.tar\.gz$/;

/** cf-gitops-backup-20250101T030000Z.tar.gz: sorts by time, and `ls` shows the newest last. */
export function backupFileName(now: Date): string {
  return `cf-gitops-backup-${now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z")}.tar.gz`;
}

/** Deletes all but the newest `keep` backup files in dir (other files are left alone); returns the deleted names. */
export function pruneBackups(dir: string, keep: number): string[] {
  const backups = readdirSync(dir).filter((name) => pattern.test(name)).sort();
  const doomed = backups.slice(0, Math.max(0, backups.length - keep));
  for (const name of doomed) rmSync(join(dir, name), { force: true });
  return doomed;
}
