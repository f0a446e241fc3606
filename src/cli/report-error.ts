import { CfGitopsError } from "../shared/errors.ts";
import type { CliIo } from "./io.ts";

/**
 * The CLI boundary: every failure becomes one clear message (and a hint) on stderr, exit 1.
 * Stack traces are printed only for bugs (non-CfGitopsError) and only with CFGITOPS_DEBUG=1.
 */
export function reportError(error: unknown, io: CliIo): number {
  if (error instanceof CfGitopsError) {
    io.stderr.write(`error: ${error.message}\n`);
    if (error.hint) io.stderr.write(`hint: ${error.hint}\n`);
    if (io.env.CFGITOPS_DEBUG === "1" && error.cause) io.stderr.write(`cause: ${String(error.cause)}\n`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`error: unexpected failure: ${message}\n`);
  if (io.env.CFGITOPS_DEBUG === "1" && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  else io.stderr.write("hint: this is a bug in cf-gitops; rerun with CFGITOPS_DEBUG=1 and report the output\n");
  return 1;
}
