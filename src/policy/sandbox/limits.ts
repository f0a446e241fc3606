// The sandbox's bounds. The timeout is the daemon's policy stage timeout, and the CLI's default.
export const defaultPolicyTimeoutMs = 30_000;

/** V8's old-space cap for the sandbox (--max-old-space-size); CFGITOPS_POLICY_MEMORY_MB changes it. */
export const defaultPolicyMemoryMb = 256;

/** A reply larger than this stops the sandbox (findings for 100,000 records fit in a few MB). */
export const maxReplyBytes = 64 * 1024 * 1024;

/** The end of the sandbox's own output kept for error messages (Node's out-of-memory report). */
export const outputTailBytes = 4096;

/** CFGITOPS_POLICY_MEMORY_MB, when it is a sensible number, else the default. */
export function policyMemoryMb(env: NodeJS.ProcessEnv): number {
  const value = Number(env.CFGITOPS_POLICY_MEMORY_MB);
  return Number.isInteger(value) && value >= 64 && value <= 16_384 ? value : defaultPolicyMemoryMb;
}
