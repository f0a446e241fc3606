// What every resource kind provides to the loader: its JSON Schema fragment and its semantic rules.
// Engine mappings (native.ts, pulumi.ts) are separate modules that only their engine imports.
import type { DesiredState, Diagnostic, Severity, SourceLocation, StackConfig, ZoneSpec } from "../desired-state/types.ts";
import type { KindId } from "../plan/types.ts";

export type JsonSchema = Record<string, unknown>;

/** Where a spec object (or one of its fields) was written; falls back to the object's own position. */
/** `charIndex` points inside a string field's value (0-based), mapped through quotes, escapes and folding. */
export type Locate = (target: object, field?: string | (string | number)[], charIndex?: number) => SourceLocation;

export interface Finding {
  code: string;
  message: string;
  hint?: string;
  severity?: Severity;
}

export type Report = (finding: Finding, at: SourceLocation) => void;

export interface ZoneRuleInput {
  zone: ZoneSpec;
  locate: Locate;
}

/** A check over one zone file, run while that file's positions are still available. */
export interface ZoneRule {
  name: string;
  check(input: ZoneRuleInput, report: Report): void;
}

export interface StateRuleInput {
  state: DesiredState;
  stack?: StackConfig;
  locate: Locate;
}

/** A check across files (services against zones, zones against each other). */
export interface StateRule {
  name: string;
  check(input: StateRuleInput, report: Report): void;
}

export interface KindDefinition {
  id: KindId;
  title: string;
  /** JSON Schema fragment for one object of this kind (draft-07). */
  schema: JsonSchema;
  zoneRules: ZoneRule[];
  stateRules: StateRule[];
}

export function diagnostic(finding: Finding, at: SourceLocation): Diagnostic {
  const result: Diagnostic = { ...at, severity: finding.severity ?? "error", code: finding.code, message: finding.message };
  if (finding.hint) result.hint = finding.hint;
  return result;
}
