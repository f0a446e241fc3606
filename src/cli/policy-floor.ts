// --policy-floor FILE (else $CFGITOPS_POLICY_FLOOR), shared by policy, plan, apply, daemon and start.
import { readFile } from "node:fs/promises";
import { policyFloorPath } from "../policy/floor.ts";
import { ConfigError } from "../shared/errors.ts";
import type { CliIo } from "./io.ts";

export const policyFloorFlag = { "policy-floor": { type: "string" } } as const;

export const policyFloorHelp = `  --policy-floor FILE   policy levels and parameters the repository can tighten, never loosen
                        (a file outside the repository; default: $CFGITOPS_POLICY_FLOOR); docs/policies.md`;

/** The floor's absolute path, or undefined when neither the flag nor the variable names one. */
export function policyFloor(values: { "policy-floor"?: string | boolean | undefined }, io: CliIo): string | undefined {
  const flag = values["policy-floor"];
  return policyFloorPath(typeof flag === "string" ? flag : undefined, io.env, io.cwd);
}

/** For daemon and start: the floor, read once at start-up, so a wrong path stops the daemon at once
 * instead of blocking every run (each run still reads it, and blocks if it is gone). */
export async function checkedPolicyFloor(values: { "policy-floor"?: string | boolean | undefined }, io: CliIo): Promise<string | undefined> {
  const file = policyFloor(values, io);
  if (file === undefined) return undefined;
  await readFile(file, "utf8").catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ConfigError(`cannot read the policy floor ${file}: ${code}`, { file, hint: "fix --policy-floor or CFGITOPS_POLICY_FLOOR (a policy file outside the repository; docs/policies.md)" });
  });
  return file;
}
