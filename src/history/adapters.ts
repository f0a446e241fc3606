// Small converters from the plan model to history records, so callers don't hand-map fields.
import { join } from "node:path";
import type { Change, ChangeOutcome } from "../plan/types.ts";
import type { ChangeRecord, DriftItemRecord } from "./types.ts";

export function historyFile(dataDir: string): string {
  return join(dataDir, "history.sqlite");
}

function base(change: Change): Omit<ChangeRecord, "outcome" | "error"> {
  return {
    kind: change.kind, id: change.id, op: change.op, fields: change.fields,
    ...(change.zone === undefined ? {} : { zone: change.zone }),
    ...(change.before === undefined ? {} : { before: change.before }),
    ...(change.after === undefined ? {} : { after: change.after }),
  };
}

/** Joins a plan's changes with an apply's outcomes (by kind + id); changes without an outcome are `planned`. */
export function changesWithOutcomes(changes: readonly Change[], outcomes: readonly ChangeOutcome[] = []): ChangeRecord[] {
  const byKey = new Map(outcomes.map((outcome) => [`${outcome.kind} ${outcome.id}`, outcome]));
  return changes.map((change) => {
    const outcome = byKey.get(`${change.kind} ${change.id}`);
    return {
      ...base(change),
      outcome: outcome?.status ?? "planned",
      ...(outcome?.error === undefined ? {} : { error: outcome.error }),
    };
  });
}

/** A drift report is a plan read the other way round: before = live, after = git. */
export function driftItemsFromChanges(changes: readonly Change[]): DriftItemRecord[] {
  return changes.map((change) => ({ ...base(change), ...(change.changedBy ? { changedBy: change.changedBy } : {}) }));
}
