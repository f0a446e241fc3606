import { CfGitopsError } from "../shared/errors.ts";
import { redactorFromEnv } from "../shared/redact.ts";
import type { CliIo } from "./io.ts";

/**
 * The CLI boundary: every failure becomes one clear message (and a hint) on stderr, exit 1.
 * Stack traces are printed only for bugs (non-CfGitopsError) and only with CFGITOPS_DEBUG=1.
 * Everything printed is redacted: an error can carry a token, a URL with a password, a header.
 */
export function reportError(error: unknown, io: CliIo): number {
  const redact = redactorFromEnv(io.env);
  const write = (line: string): void => void io.stderr.write(`${redact(line)}\n`);
  if (error instanceof CfGitopsError) {
    write(`error: ${error.message}`);
    if (error.hint) write(`hint: ${error.hint}`);
    if (io.env.CFGITOPS_DEBUG === "1" && error.cause) write(`cause: ${String(error.cause)}`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  write(`error: unexpected failure: ${message}`);
  if (io.env.CFGITOPS_DEBUG === "1" && error instanceof Error && error.stack) write(error.stack);
  else write("hint: this is a bug in cf-gitops; rerun with CFGITOPS_DEBUG=1 and report the output");
  return 1;
}
