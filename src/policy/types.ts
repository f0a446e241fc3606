// The policy model (issue 5): policies, their findings, and the report a run produces.
// Vocabulary follows Pulumi CrossGuard: enforcement levels advisory | mandatory | disabled.
import type { DesiredState, Diagnostic, SourceLocation, StackConfig } from "../desired-state/types.ts";
import type { Plan } from "../plan/types.ts";

export const enforcementLevels = ["advisory", "mandatory", "disabled"] as const;
export type EnforcementLevel = (typeof enforcementLevels)[number];

/** A JSON Schema object (checked with ajv). */
export type JsonSchema = Record<string, unknown>;

export interface PolicyContext<P> {
  /** Parameters after validation, with the schema's defaults filled in. */
  params: P;
  desired: DesiredState;
  stack?: StackConfig;
  plan?: Plan;
  now: Date;
}

/** What a check returns; the engine adds the policy id, level and exemption handling. */
export interface Finding {
  /** Resource identity, e.g. example.com/dns/www/A/203.0.113.10, example.com/settings/ssl, services/grafana. */
  resource: string;
  message: string;
  /** Overrides the policy's default remediation hint. */
  remediation?: string;
  /** Where the offending YAML node is, when one exists. */
  source?: SourceLocation;
}

export interface Policy<P = Record<string, unknown>> {
  id: string; // kebab-case
  description: string;
  /** Default enforcement level, used unless policies/policy.yaml says otherwise. */
  level: EnforcementLevel;
  /** JSON Schema of the params object; give every property a default. */
  paramsSchema: JsonSchema;
  /** Default remediation hint for this policy's findings (a finding may give its own). */
  remediation?: string;
  checkState?(desired: DesiredState, ctx: PolicyContext<P>): Finding[] | Promise<Finding[]>;
  checkPlan?(plan: Plan, ctx: PolicyContext<P>): Finding[] | Promise<Finding[]>;
}

// Policies of different parameter types live in one list; params are validated before the call.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyPolicy = Policy<any>;

export interface Violation {
  policy: string;
  level: EnforcementLevel;
  resource: string;
  file?: string;
  line?: number;
  column?: number;
  message: string;
  remediation: string;
}

export interface ExemptedViolation extends Violation {
  exemption: { resource: string; reason: string; expires?: string };
}

export type PolicyStatus = "passed" | "failed" | "skipped" | "disabled" | "error";

export interface PolicyResult {
  id: string;
  description: string;
  level: EnforcementLevel;
  status: PolicyStatus;
  violations: number; // not counting exempted ones
  exempted: number;
  /** "builtin" or the custom policy's file, relative to the root. */
  origin: string;
  /** Why the policy was skipped or failed to run. */
  note?: string;
}

export interface PolicyReport {
  results: PolicyResult[];
  violations: Violation[];
  exempted: ExemptedViolation[];
  diagnostics: Diagnostic[];
  /** A mandatory violation, a mandatory policy that could not run, or an error in the policy configuration. */
  blocked: boolean;
}
