// Runs one policy at its effective level and turns its findings into violations.
import type { Diagnostic, SourceLocation } from "../desired-state/types.ts";
import { findExemption, type Exemption } from "./exemptions.ts";
import { PolicySandboxError } from "./sandbox/errors.ts";
import type { AnyPolicy, EnforcementLevel, ExemptedViolation, Finding, PolicyContext, PolicyResult, Violation } from "./types.ts";

export interface Evaluation {
  result: PolicyResult;
  violations: Violation[];
  exempted: ExemptedViolation[];
  diagnostics: Diagnostic[];
}

export interface EvaluateInput {
  policy: AnyPolicy;
  origin: string; // "builtin" or the custom policy's file
  level: EnforcementLevel;
  params: Record<string, unknown> | undefined; // undefined: invalid params, already reported
  ctx: Omit<PolicyContext<unknown>, "params">;
  exemptions: Exemption[];
  /** Where a runtime error is reported: the policy's config entry, else its file. */
  errorSource: SourceLocation;
}

/** A check's return value, checked: custom policies are plain JavaScript at run time. */
function asFindings(value: unknown, check: string): Finding[] {
  if (!Array.isArray(value)) throw new Error(`${check} must return an array of findings, got ${value === null ? "null" : typeof value}`);
  for (const item of value) {
    const f = item as Partial<Finding> | null;
    if (typeof f?.resource !== "string" || typeof f.message !== "string") throw new Error(`${check} returned a finding without a string resource and message: ${JSON.stringify(item)}`);
  }
  return value as Finding[];
}

const genericRemediation = "fix the resource, or exempt it in policies/policy.yaml with a reason";

function toViolation(policy: AnyPolicy, level: EnforcementLevel, finding: Finding): Violation {
  return {
    policy: policy.id, level, resource: finding.resource,
    ...(finding.source ? { file: finding.source.file, line: finding.source.line, column: finding.source.column } : {}),
    message: finding.message, remediation: finding.remediation ?? policy.remediation ?? genericRemediation,
  };
}

export async function evaluatePolicy(input: EvaluateInput): Promise<Evaluation> {
  const { policy, level, ctx } = input;
  const result: PolicyResult = { id: policy.id, description: policy.description, level, status: "passed", violations: 0, exempted: 0, origin: input.origin };
  const out: Evaluation = { result, violations: [], exempted: [], diagnostics: [] };
  if (level === "disabled") return { ...out, result: { ...result, status: "disabled" } };
  const runsOnPlan = policy.checkPlan !== undefined && ctx.plan !== undefined;
  if (!policy.checkState && !runsOnPlan) {
    return { ...out, result: { ...result, status: "skipped", note: "needs a plan: runs in plan, apply and the daemon" } };
  }
  if (input.params === undefined) return { ...out, result: { ...result, status: "error", note: "invalid params in policies/policy.yaml" } };
  const context = { ...ctx, params: input.params };
  const findings: Finding[] = [];
  try {
    if (policy.checkState) findings.push(...asFindings(await policy.checkState(ctx.desired, context), "checkState"));
    if (runsOnPlan) findings.push(...asFindings(await policy.checkPlan!(ctx.plan!, context), "checkPlan"));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = error instanceof PolicySandboxError ? error.code : "policy-runtime-error";
    out.diagnostics.push({
      ...input.errorSource, severity: level === "mandatory" ? "error" : "warning", code,
      message: `policy ${policy.id} (${input.origin}) ${error instanceof PolicySandboxError ? message : `failed: ${message}`}`,
      hint: code === "policy-timeout"
        ? "a check must finish within the policy timeout (--policy-timeout, 30 s by default); look for a loop that never ends, or for work that grows with the desired state"
        : level === "mandatory" ? "a mandatory policy that cannot run blocks the change; fix the policy or its params" : "the policy did not run; fix it or its params",
    });
    return { ...out, result: { ...result, status: "error", note: message } };
  }
  for (const finding of findings) {
    const violation = toViolation(policy, level, finding);
    const exemption = findExemption(input.exemptions, policy.id, finding.resource);
    if (exemption) {
      out.exempted.push({ ...violation, exemption: { resource: exemption.resource, reason: exemption.reason, ...(exemption.expires ? { expires: exemption.expires } : {}) } });
    } else out.violations.push(violation);
  }
  result.violations = out.violations.length;
  result.exempted = out.exempted.length;
  result.status = out.violations.length > 0 ? "failed" : "passed";
  return out;
}
