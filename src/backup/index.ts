export { createBackup, type CreateBackupOptions } from "./create.ts";
export { readBackup, type VerifiedBackup } from "./read.ts";
export { restoreBackup, type RestoreOptions, type RestoreResult } from "./restore.ts";
export { backupFileName, pruneBackups } from "./prune.ts";
export { claimDataDir, dataDirOwner, pidFileName } from "./data-dir-lock.ts";
export { BackupError } from "./errors.ts";
export type { BackupManifest } from "./manifest.ts";
