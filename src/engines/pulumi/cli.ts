// Finding the `pulumi` CLI on PATH without loading the Pulumi SDK, so a missing CLI gives a
// one-line fix instead of a stack trace from deep inside the Automation API.
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { ToolMissingError } from "../../shared/errors.ts";

export const pulumiInstallHint =
  "install it with `curl -fsSL https://get.pulumi.com | sh` (on a Raspberry Pi this needs a 64-bit OS: Pulumi ships linux-arm64, not 32-bit arm) and put ~/.pulumi/bin on PATH, or use --engine native";

/** The absolute path of `pulumi` on PATH, or undefined. */
export function findPulumiCli(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, process.platform === "win32" ? "pulumi.exe" : "pulumi");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}

export function pulumiMissingError(): ToolMissingError {
  return new ToolMissingError("the pulumi CLI is not on PATH; the Pulumi engine needs it", { tool: "pulumi", hint: pulumiInstallHint });
}

export function requirePulumiCli(env: NodeJS.ProcessEnv = process.env): string {
  const found = findPulumiCli(env);
  if (found === undefined) throw pulumiMissingError();
  return found;
}
