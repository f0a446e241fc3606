// Why a custom policy could not run in the sandbox. The message reads after "policy <id> (<file>) ";
// `reason` is the bare cause, for the policies that were not run and the files not loaded.
import { CfGitopsError, type ErrorOptions } from "../../shared/errors.ts";

export type SandboxFailureCode = "policy-timeout" | "policy-runtime-error";

export class PolicySandboxError extends CfGitopsError {
  override name = "PolicySandboxError";
  readonly code: SandboxFailureCode;
  readonly reason: string;
  constructor(message: string, options: ErrorOptions & { code?: SandboxFailureCode; reason?: string } = {}) {
    super(message, options);
    this.code = options.code ?? "policy-runtime-error";
    this.reason = options.reason ?? message;
  }
}

/** The sandbox ended or misbehaved: the check running then failed for this reason. */
export function sandboxFailed(reason: string): PolicySandboxError {
  return new PolicySandboxError(`failed: ${reason}`, { reason });
}
