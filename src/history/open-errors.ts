// Why the history database could not be opened, said in words a user can act on: which file, what
// is wrong with it, and what to do. A damaged file is never touched; the user decides.
import { dirname } from "node:path";
import { CfGitopsError, type ErrorOptions } from "../shared/errors.ts";

export class HistoryOpenError extends CfGitopsError {
  override name = "HistoryOpenError";
  readonly file: string;
  constructor(message: string, options: ErrorOptions & { file: string }) {
    super(message, options);
    this.file = options.file;
  }
}

interface SqliteFailure {
  code?: string;
  errcode?: number;
  errstr?: string;
  message?: string;
}

// SQLite result codes (https://sqlite.org/rescode.html) that say the file itself is bad.
const damaged = new Set([11 /* SQLITE_CORRUPT */, 26 /* SQLITE_NOTADB */]);
const busy = new Set([5 /* SQLITE_BUSY */, 6 /* SQLITE_LOCKED */]);
const fsCodes: Record<string, string> = {
  EEXIST: "a file is in the way of a directory on its path",
  ENOTDIR: "a file is in the way of a directory on its path",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOSPC: "the disk is full",
};

/** A file-system error in words ("permission denied"), or its own message. */
export function fileSystemReason(error: unknown): string {
  const failure = (error ?? {}) as SqliteFailure;
  return (failure.code && fsCodes[failure.code]) ?? failure.errstr ?? failure.message ?? String(error);
}

function damagedHint(file: string): string {
  return `stop cf-gitops, then restore a backup with \`cf-gitops restore\`, or move the file aside (mv ${file} ${file}.damaged) and start again with an empty history`;
}

/** SQLite's own check found damage (issue 22 item 11): the designed message, with its first finding. */
export function damagedHistory(file: string, finding: string): HistoryOpenError {
  return new HistoryOpenError(`history database ${file} is damaged: ${finding.split("\n")[0]} (SQLite's integrity check failed)`, { file, hint: damagedHint(file) });
}

export function historyOpenError(file: string, error: unknown): HistoryOpenError {
  if (error instanceof HistoryOpenError) return error;
  const failure = (error ?? {}) as SqliteFailure;
  const errcode = failure.errcode ?? -1;
  const base = errcode & 0xff; // extended result codes keep the primary code in the low byte
  if (damaged.has(base)) {
    return new HistoryOpenError(`history database ${file} is damaged: ${failure.errstr ?? failure.message} (it is not a readable SQLite database)`, {
      file, cause: error, hint: damagedHint(file),
    });
  }
  if (busy.has(base)) {
    return new HistoryOpenError(`history database ${file} is locked by another process`, {
      file, cause: error, hint: "is another cf-gitops daemon running with this data directory? Stop it, or give this one its own --data-dir",
    });
  }
  return new HistoryOpenError(`cannot open the history database ${file}: ${fileSystemReason(error)}`, {
    file, cause: error,
    hint: `make ${dirname(file)} a writable directory (the data directory is set with --data-dir or CFGITOPS_DATA_DIR), or point --data-dir elsewhere`,
  });
}
