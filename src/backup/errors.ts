// A backup file that cannot be used, or a data directory that must not be restored into.
import { CfGitopsError, type ErrorOptions } from "../shared/errors.ts";

export class BackupError extends CfGitopsError {
  override name = "BackupError";
  readonly file: string | undefined;
  constructor(message: string, options: ErrorOptions & { file?: string } = {}) {
    super(message, options);
    this.file = options.file;
  }
}
