// Public API of the policy engine (issue 5).
export { runPolicies, type RunPoliciesInput } from "./run.ts";
export { renderPolicyReport, policyReportFormats, type PolicyReportFormat } from "./render/index.ts";
export { policyReportToJson } from "./render/json.ts";
export { summarize, type PolicySummary } from "./render/summary.ts";
export { policyGate } from "./gate.ts";
export { definePolicy } from "./define-policy.ts";
export { builtinPolicies } from "./registry.ts";
export { policyConfigSchema } from "./config-schema.ts";
export type {
  AnyPolicy, EnforcementLevel, ExemptedViolation, Finding, Policy, PolicyContext, PolicyReport, PolicyResult, PolicyStatus, Violation,
} from "./types.ts";
export { enforcementLevels } from "./types.ts";
