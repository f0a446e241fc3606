// The typed helper custom policies (policies/*.ts) are written with.
// It checks the shape at load time so a malformed policy fails with a message naming it.
import { enforcementLevels, tightenings, type Policy } from "./types.ts";

export type { Finding, Policy, PolicyContext } from "./types.ts";

const idPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function definePolicy<P = Record<string, unknown>>(policy: Policy<P>): Policy<P> {
  const problem = policyShapeProblem(policy);
  if (problem) throw new TypeError(`definePolicy: ${problem}`);
  return policy;
}

/** Why a value is not a usable policy, or undefined when it is one. */
export function policyShapeProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return "a policy must be an object";
  const p = value as Partial<Policy>;
  if (typeof p.id !== "string" || !idPattern.test(p.id)) return `id must be kebab-case (got ${JSON.stringify(p.id)})`;
  if (typeof p.description !== "string" || p.description === "") return `policy ${p.id} needs a description`;
  if (p.level !== undefined && !enforcementLevels.includes(p.level)) return `policy ${p.id}: level must be one of ${enforcementLevels.join(", ")} (or left out: policies/policy.yaml's default applies)`;
  if (p.paramsSchema !== undefined && (typeof p.paramsSchema !== "object" || p.paramsSchema === null)) return `policy ${p.id}: paramsSchema must be a JSON Schema object (or left out when the policy takes no parameters)`;
  if (p.remediation !== undefined && typeof p.remediation !== "string") return `policy ${p.id}: remediation must be a string`;
  if (typeof p.checkState !== "function" && typeof p.checkPlan !== "function") return `policy ${p.id} needs checkState or checkPlan`;
  if (p.tightening !== undefined) {
    if (typeof p.tightening !== "object" || p.tightening === null) return `policy ${p.id}: tightening must map parameter names to ${tightenings.join(", ")}`;
    for (const [param, how] of Object.entries(p.tightening)) {
      if (!tightenings.includes(how)) return `policy ${p.id}: tightening.${param} must be one of ${tightenings.join(", ")} (got ${JSON.stringify(how)})`;
    }
  }
  return undefined;
}

/** A parameterless policy's schema (what a policy without `paramsSchema` gets). */
export const noParams = { type: "object", properties: {}, additionalProperties: false } as const;

/** The policy's params schema: its own, or none allowed. */
export function paramsSchemaOf(policy: Pick<Policy, "paramsSchema">): Record<string, unknown> {
  return policy.paramsSchema ?? noParams;
}
