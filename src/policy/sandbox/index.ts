// The policy sandbox (ADR 25): where committed custom policies run.
export { openCustomPolicies, type CustomPolicies, type CustomPolicyOptions, type CustomSet } from "./session.ts";
export { PolicySandboxError } from "./errors.ts";
export { defaultPolicyMemoryMb, defaultPolicyTimeoutMs, policyMemoryMb } from "./limits.ts";
