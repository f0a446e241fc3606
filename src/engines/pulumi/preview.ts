// One `pulumi preview --refresh` of a session, read into our Plan: the changes Pulumi's steps stand
// for (plus adoption's second update), the notes of what stops being managed, and whether `up`
// has work (Pulumi's own change summary decides, gate.ts).
import type { Plan } from "../../plan/types.ts";
import { sortChanges } from "../../plan/order.ts";
import { CfGitopsError } from "../../shared/errors.ts";
import type { RunOptions } from "../engine.ts";
import { importRefusedError } from "./errors.ts";
import { createEventTranslator, type EventTranslator } from "./events.ts";
import { previewWork } from "./gate.ts";
import type { Session } from "./session.ts";

export interface Previewed {
  plan: Plan;
  /** Whether `up` has anything to do (Pulumi's change summary, the steps seen, adoption's updates). */
  work: boolean;
  /** Whether all of it is Pulumi state only (resources that stop being managed): no approval needed. */
  stateOnly: boolean;
}

export function logWarnings(translator: EventTranslator, run: RunOptions): void {
  for (const warning of translator.warnings()) run.log.warn({ stack: run.stack.name, urn: warning.urn, warning: warning.message }, "pulumi warning");
}

export async function preview(session: Session, run: RunOptions, signal: AbortSignal): Promise<Previewed> {
  const translator = createEventTranslator(session.context);
  run.onProgress?.({ stage: "refresh", message: "pulumi preview --refresh" });
  const result = await session.stack.preview({ program: session.program, onEvent: (event) => translator.onEvent(event), refresh: true, signal, diff: false, color: "never" });
  logWarnings(translator, run);
  const refusals = translator.importRefusals();
  if (refusals.length > 0) throw importRefusedError(refusals, run.stack.name);
  const updates = session.adoption.changes;
  const updated = new Set(updates.map((change) => `${change.kind} ${change.id}`));
  // an import whose object the second update changes shows as that change (the plan both engines agree on)
  const seen = translator.changes().filter((change) => !(change.op === "import" && updated.has(`${change.kind} ${change.id}`)));
  const plan: Plan = { stack: run.stack.name, engine: "pulumi", account: session.accountId, changes: sortChanges([...seen, ...updates], session.context.desired) };
  if (run.commit) plan.commit = run.commit;
  const warnings = [...session.warnings, ...translator.notes()];
  if (warnings.length > 0) plan.warnings = warnings;
  const gate = previewWork(result.changeSummary, translator);
  const work = gate.steps > 0 || updates.length > 0;
  const stateOnly = work && plan.changes.length === 0;
  // nothing shown, yet more to do than dropping resources from the state: never applied unseen
  if (stateOnly && gate.steps > translator.stateOnlySteps()) {
    throw new CfGitopsError(`Pulumi's preview has ${gate.steps - translator.stateOnlySteps()} step(s) that cf-gitops cannot show as changes, so it will not apply them`, {
      hint: "rerun with CFGITOPS_DEBUG=1 and report the output; `pulumi preview` in the data directory's workspace shows the steps",
    });
  }
  return { plan, work, stateOnly };
}
