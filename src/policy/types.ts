// The policy model (issue 5): policies, their findings, and the report a run produces.
// Vocabulary follows Pulumi CrossGuard: enforcement levels advisory | mandatory | disabled.
import type { DesiredState, Diagnostic, SourceLocation, StackConfig } from "../desired-state/types.ts";
import type { Plan } from "../plan/types.ts";

export const enforcementLevels = ["advisory", "mandatory", "disabled"] as const;
export type EnforcementLevel = (typeof enforcementLevels)[number];

/** How a parameter gets stricter: a lower or higher number, fewer or more list items. */
export const tightenings = ["lower", "higher", "subset", "superset"] as const;
export type Tightening = (typeof tightenings)[number];

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
  /**
   * The policy's own level: policies/policy.yaml's entry for the policy overrides it, and the file's
   * `default` applies only to a policy without one (ADR 28). Every built-in policy has one.
   */
  level?: EnforcementLevel;
  /** JSON Schema of the params object; give every property a default. None: the policy takes no parameters. */
  paramsSchema?: JsonSchema;
  /** Default remediation hint for this policy's findings (a finding may give its own). */
  remediation?: string;
  /**
   * Which way each parameter tightens, for the policy floor (docs/policies.md#the-policy-floor):
   * "lower"/"higher" for numbers (and booleans: true is higher), "subset"/"superset" for lists. A
   * parameter without an entry can only be set to the floor's own value.
   */
  tightening?: Record<string, Tightening>;
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
  /** Where `level` came from (shown by `cf-gitops policy`). */
  levelFrom?: LevelSource;
  /** Set when the policy floor covers this policy. */
  floor?: PolicyFloorResult;
}

/**
 * Where a policy's level came from, in the order they are tried (ADR 28): its entry in
 * policies/policy.yaml, the policy's own `level`, the file's `default`, else `advisory`; the policy
 * floor may then raise it. A policy that cannot load has no own level: see `unloaded`.
 */
export interface LevelSource {
  from: "entry" | "policy" | "default" | "fallback" | "floor" | "unloaded";
  /** The file (and line) that set it, when a file did. */
  file?: string;
  line?: number;
}

/** What the policy floor (a file outside the repository) did to one policy's setting. */
export interface PolicyFloorResult {
  /** The floor's minimum level for this policy, when it sets one. */
  level?: EnforcementLevel;
  /** The parameters the floor sets, as it sets them. */
  params?: Record<string, unknown>;
  /** What of the effective setting is the floor's: "level", "params.max_percent"... (empty: the repository is as strict or stricter). */
  applied: string[];
  /** The repository's loosenings refused ("policies/policy.yaml:3: level disabled"), also reported as warnings. */
  refused?: string[];
}

export interface PolicyReport {
  results: PolicyResult[];
  violations: Violation[];
  exempted: ExemptedViolation[];
  diagnostics: Diagnostic[];
  /** A mandatory violation, a mandatory policy that could not run, or an error in the policy configuration. */
  blocked: boolean;
  /** The policy floor in force, when one was given. */
  floor?: { file: string };
}
