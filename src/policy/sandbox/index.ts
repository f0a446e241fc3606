// The policy sandbox (ADR 26): where committed custom policies run.
import { policyMemoryMb } from "./limits.ts";
import type { CustomPolicyOptions } from "./session.ts";
import { policyCacheDir } from "./stripped.ts";

export { openCustomPolicies, type CustomPolicies, type CustomPolicyOptions, type CustomSet } from "./session.ts";
export { PolicySandboxError } from "./errors.ts";
export { defaultPolicyMemoryMb, defaultPolicyTimeoutMs, policyMemoryMb } from "./limits.ts";
export { policyCacheDir } from "./stripped.ts";

/** The sandbox's settings from the environment (CFGITOPS_POLICY_MEMORY_MB, NODE_COMPILE_CACHE) and a timeout. */
export function sandboxOptions(env: NodeJS.ProcessEnv, timeoutMs?: number): CustomPolicyOptions {
  const cacheDir = policyCacheDir(env);
  return { ...(timeoutMs ? { timeoutMs } : {}), memoryMb: policyMemoryMb(env), ...(cacheDir ? { cacheDir } : {}) };
}
