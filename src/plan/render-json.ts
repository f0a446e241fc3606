// The Plan JSON contract (`--format json`): one document, stable field names other tools read.
import type { Diagnostic } from "../desired-state/types.ts";
import { summarise, type PlanSummary } from "./summary.ts";
import type { Change, DriftAttribution, Plan } from "./types.ts";

export interface PlanJson {
  stack: string;
  engine: Plan["engine"];
  commit?: string;
  summary: PlanSummary;
  changes: Pick<Change, "kind" | "id" | "zone" | "op" | "fields" | "before" | "after" | "source" | "changedBy">[];
  /** Drift reports: where `changedBy` came from, and why it is missing when it is. */
  attribution?: DriftAttribution;
  policy?: unknown;
  warnings?: string[];
  diagnostics: Diagnostic[];
  /** The plan's fingerprint (plans only): what a saved plan of it would carry. */
  fingerprint?: string;
}

export interface JsonExtra {
  policy?: unknown;
  diagnostics?: Diagnostic[];
  fingerprint?: string;
}

export function planToJson(plan: Plan, extra: JsonExtra = {}): PlanJson {
  const doc: PlanJson = {
    stack: plan.stack,
    engine: plan.engine,
    summary: summarise(plan.changes),
    changes: plan.changes.map((change) => {
      const out: PlanJson["changes"][number] = { kind: change.kind, id: change.id, op: change.op, fields: change.fields };
      if (change.zone !== undefined) out.zone = change.zone;
      if (change.before !== undefined) out.before = change.before;
      if (change.after !== undefined) out.after = change.after;
      if (change.source !== undefined) out.source = change.source;
      if (change.changedBy !== undefined) out.changedBy = change.changedBy;
      return out;
    }),
    diagnostics: extra.diagnostics ?? [],
  };
  if (plan.commit !== undefined) doc.commit = plan.commit;
  if (extra.fingerprint !== undefined) doc.fingerprint = extra.fingerprint;
  if (extra.policy !== undefined) doc.policy = extra.policy;
  if (plan.warnings?.length) doc.warnings = plan.warnings;
  if (plan.attribution !== undefined) doc.attribution = plan.attribution;
  return doc;
}

export function renderJson(plan: Plan, extra: JsonExtra = {}): string {
  return `${JSON.stringify(planToJson(plan, extra), null, 2)}\n`;
}
