// `apply` for the Pulumi engine: the preview, the approval, the preview again right before `up`
// (what runs is what was approved), apply's one write of the state, a targeted `up` for records
// that must go first, the update, and adoption's previewed second update.
import type { DesiredState } from "../../desired-state/types.ts";
import { stableJson } from "../../plan/diff.ts";
import { planFingerprint } from "../../plan/fingerprint.ts";
import { PlanStaleError, planDifferences } from "../../plan/saved.ts";
import type { ApplyResult, ChangeOutcome, Plan } from "../../plan/types.ts";
import { checkApprovedFingerprint } from "../approved-plan.ts";
import type { RunOptions } from "../engine.ts";
import { writeStateForApply } from "./apply-state.ts";
import { mapPulumiError } from "./errors.ts";
import { createEventTranslator } from "./events.ts";
import { logWarnings, preview } from "./preview.ts";
import type { Session, SessionPurpose } from "./session.ts";

export type Open = (desired: DesiredState, purpose: SessionPurpose) => Promise<Session>;

interface UpResult {
  outcomes: ChangeOutcome[];
  error?: string;
}

async function runUp(session: Session, program: Session["program"], run: RunOptions, signal: AbortSignal, target?: string[]): Promise<UpResult> {
  const translator = createEventTranslator(session.context, run.onOutcome ? { onOutcome: (outcome) => run.onOutcome!(outcome) } : {});
  try {
    await session.stack.up({ program, onEvent: (event) => translator.onEvent(event), refresh: true, signal, color: "never", ...(target && { target }) });
  } catch (error) {
    if (signal.aborted) throw error;
    const mapped = mapPulumiError(error, { stack: run.stack.name, aborted: false });
    run.log.error({ stack: run.stack.name, error: mapped.message }, "pulumi up failed");
    return { outcomes: translator.outcomes(false), error: [mapped.message, ...translator.errors()].join("\n") };
  } finally {
    logWarnings(translator, run);
  }
  return { outcomes: translator.outcomes(true) };
}

/** Both updates' outcomes, one per change and op (the second update's word is the last). */
function merged(...results: UpResult[]): ChangeOutcome[] {
  const byChange = new Map<string, ChangeOutcome>();
  for (const result of results) for (const outcome of result.outcomes) byChange.set(`${outcome.kind} ${outcome.id} ${outcome.op}`, outcome);
  return [...byChange.values()];
}

/**
 * What `up` runs is what was approved: the approval may have waited on a person, so the stack is
 * previewed once more right before the update, and a different change set is refused.
 */
async function approvedAgain(session: Session, approved: Plan, run: RunOptions, signal: AbortSignal): Promise<void> {
  const { plan } = await preview(session, run, signal);
  if (planFingerprint(plan) === planFingerprint(approved)) return;
  const moved = planDifferences(approved, plan);
  throw new PlanStaleError(moved.length > 0 ? moved : ["the plan as a whole"], { hint: "the pulumi engine previews again right before `pulumi up`; plan again and review the new plan" });
}

/** The second update of an adoption, previewed first: it must make exactly the approved updates. */
async function adoptionUpdate(session: Session, run: RunOptions, signal: AbortSignal): Promise<UpResult> {
  const program = await session.followUp();
  const translator = createEventTranslator(session.context);
  await session.stack.preview({ program, onEvent: (event) => translator.onEvent(event), refresh: true, signal, diff: false, color: "never" });
  const wanted = planSignature(session.adoption.changes);
  const seen = planSignature(translator.changes().filter((change) => change.op !== "import"));
  if (stableJson(wanted) !== stableJson(seen)) {
    const differ = [...new Set([...wanted, ...seen].filter((line) => !wanted.includes(line) || !seen.includes(line)))];
    const error = `the update after adopting would not be the approved one (${differ.slice(0, 5).join("; ")}); it was not run: the adopted objects are in the state, and the next plan shows what is left`;
    run.log.error({ stack: run.stack.name, differ }, "adoption update refused");
    return { outcomes: session.adoption.changes.map((c) => ({ id: c.id, kind: c.kind, op: c.op, status: "skipped" })), error };
  }
  run.onProgress?.({ stage: "apply", message: "pulumi up --refresh (adopted objects)", total: session.adoption.changes.length });
  return runUp(session, program, run, signal);
}

function planSignature(changes: Plan["changes"]): string[] {
  return changes.map((c) => `${c.op} ${c.kind} ${c.id} [${[...c.fields].sort().join(",")}]`).sort();
}

export async function up(open: Open, desired: DesiredState, run: RunOptions, signal: AbortSignal, check?: (fresh: Plan) => void): Promise<ApplyResult> {
  const session = await open(desired, "apply");
  const { plan, work, stateOnly } = await preview(session, run, signal);
  check?.(plan);
  checkApprovedFingerprint(plan, run);
  if (!work) {
    // nothing to update, but pending operations an interrupted run left are dropped here
    await writeStateForApply(session.stack, new Set(), run.log);
    return { plan, status: "no-changes", outcomes: [] };
  }
  signal.throwIfAborted();
  // resources that only leave Pulumi's state change nothing in Cloudflare: no plan to approve
  if (!stateOnly && run.approve && !(await run.approve(plan))) {
    run.log.info({ stack: run.stack.name, changes: plan.changes.length }, "apply declined before any write");
    return { plan, status: "declined", outcomes: plan.changes.map((c) => ({ id: c.id, kind: c.kind, op: c.op, status: "skipped" })) };
  }
  signal.throwIfAborted(); // the approval may have waited on a person
  if (!stateOnly && (run.approve || run.approvedFingerprint)) await approvedAgain(session, plan, run, signal);
  // the one state write, under the job lock: pending operations dropped, released resources retained
  await writeStateForApply(session.stack, new Set(session.released.keys()), run.log);
  const results: UpResult[] = [];
  if (session.clearFirst.length > 0) {
    // records a CNAME replaces (or that replace one), not one for one: deleted first, or Cloudflare refuses the new ones (81053)
    run.onProgress?.({ stage: "apply", message: "pulumi up --refresh --target (records replaced at their name)", total: session.clearFirst.length });
    results.push(await runUp(session, session.program, run, signal, session.clearFirst));
  }
  if (results.every((result) => result.error === undefined)) {
    run.onProgress?.({ stage: "apply", message: "pulumi up --refresh", total: plan.changes.length });
    results.push(await runUp(session, session.program, run, signal));
  }
  // the imports are in the state now; this update brings them to what git says
  if (results.every((result) => result.error === undefined) && session.adoption.changes.length > 0) results.push(await adoptionUpdate(session, run, signal));
  const failure = results.find((result) => result.error !== undefined);
  if (failure) return { plan, status: "failed", outcomes: merged(...results), error: failure.error! };
  if (stateOnly) {
    run.log.info({ stack: run.stack.name }, "pulumi state updated; nothing changed in Cloudflare");
    return { plan, status: "no-changes", outcomes: [] };
  }
  return { plan, status: "applied", outcomes: merged(...results) };
}
