// Automation API failures -> our error classes, with one clear line each.
import { AbortedError, CfGitopsError, EngineBusyError, ToolMissingError } from "../../shared/errors.ts";
import { pulumiInstallHint } from "./cli.ts";
import { stripColours, type Diagnostic } from "./events.ts";
import { decodeLogicalName, urnName } from "./names.ts";

function stderrOf(error: unknown): string {
  const result = (error as { commandResult?: { stderr?: string } }).commandResult;
  return result?.stderr ?? (error instanceof Error ? error.message : String(error));
}

/** The lines of the CLI's output that say what went wrong. */
export function errorSummary(output: string): string {
  const lines = stripColours(output)
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => /error/i.test(line) && !/^at /.test(line));
  return [...new Set(lines)].slice(0, 3).join("; ") || output.trim().split("\n").slice(-1)[0] || "pulumi failed";
}

export function mapPulumiError(error: unknown, context: { stack: string; aborted: boolean }): Error {
  if (error instanceof CfGitopsError) return error;
  if (context.aborted) return new AbortedError(`the Pulumi run for stack ${context.stack} was cancelled`, { cause: error });
  const name = error instanceof Error ? error.name : "";
  const output = stderrOf(error);
  if (name === "ConcurrentUpdateError") {
    return new EngineBusyError(`another Pulumi update holds stack ${context.stack}`, {
      cause: error,
      hint: "wait for it to finish; if a crashed run left the lock, remove it with `pulumi cancel` or delete the lock file under the backend's .pulumi/locks/",
    });
  }
  if (/ENOENT|command not found|pulumi: not found/.test(output)) {
    return new ToolMissingError("the pulumi CLI could not be started", { tool: "pulumi", cause: error, hint: pulumiInstallHint });
  }
  if (/passphrase/i.test(output) && /incorrect|invalid|failed to decrypt/i.test(output)) {
    return new CfGitopsError("the Pulumi secrets passphrase does not match the one this stack was created with", {
      cause: error,
      hint: "use the original PULUMI_CONFIG_PASSPHRASE (or _FILE)",
    });
  }
  return new CfGitopsError(`pulumi failed for stack ${context.stack}: ${errorSummary(output)}`, {
    cause: error,
    hint: "rerun with CFGITOPS_DEBUG=1 for the full output",
  });
}

/**
 * Pulumi would refuse to import these objects (its warning at preview is an error at up): a
 * plan-time error naming each one, before anything is written.
 */
export function importRefusedError(refusals: Diagnostic[], stack: string): CfGitopsError {
  const named = [...new Set(refusals.map((refusal) => (refusal.urn ? decodeLogicalName(urnName(refusal.urn)) : "a resource")))];
  const detail = refusals[0]?.message.split("\n")[0] ?? "";
  return new CfGitopsError(`Pulumi would refuse to adopt ${named.join(", ")} in stack ${stack}: ${detail}`, {
    hint: "the live object differs from the zone file in a field Pulumi cannot change in place; run `cf-gitops import --zone <zone>` to take the live values into the zone file, or change it once with --engine native, then plan again",
  });
}
