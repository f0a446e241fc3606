// The Pulumi engine: the Engine port over the Automation API. plan = preview --refresh, apply =
// preview --refresh then up --refresh, drift = the same preview read the other way round, so plan,
// drift and apply mean what they mean with the native engine (live against git). The CLI check
// runs first, so a missing `pulumi` gives the install hint before any Pulumi SDK is loaded.
import type { DesiredState } from "../../desired-state/types.ts";
import type { ApplyResult, ChangeOutcome, Plan } from "../../plan/types.ts";
import { CfGitopsError, ConfigError } from "../../shared/errors.ts";
import type { Engine, RunOptions } from "../engine.ts";
import { requirePulumiCli } from "./cli.ts";
import { importRefusedError, mapPulumiError } from "./errors.ts";
import { createEventTranslator, type EventTranslator } from "./events.ts";
import { previewWork } from "./gate.ts";
import { attributePulumiDrift } from "./attribution.ts";
import { acquireJobLock, removeStaleLocks } from "./locks.ts";
import { checkSameAs } from "./saved-plan.ts";
import { dataDirOf, openSession, type PulumiEngineOptions, type Session, type SessionPurpose } from "./session.ts";
import { projectName, requireSharedBackendUnderCi, resolvePulumiSettings, type PulumiSettings } from "./settings.ts";
import { providerTokenProblem } from "./token.ts";
import { sortChanges } from "../../plan/order.ts";
import { stableJson } from "../../plan/diff.ts";
import { planFingerprint } from "../../plan/fingerprint.ts";
import { PlanStaleError, planDifferences } from "../../plan/saved.ts";
import { checkApprovedFingerprint } from "../approved-plan.ts";
import { writeStateForApply } from "./apply-state.ts";

export type { PulumiEngineOptions } from "./session.ts";
export { findPulumiCli, pulumiInstallHint } from "./cli.ts";
export { formatPulumiImportIds, listPulumiImportIds, type PulumiImportId } from "./import-ids.ts";
export { describePulumiLock, pulumiLockKeys, type PulumiLockDescription } from "./lock-keys.ts";

type Open = (desired: DesiredState, purpose: SessionPurpose) => Promise<Session>;

/**
 * An AbortSignal for the run. It follows the caller's signal; a caller without one (the CLI) gets
 * this process's SIGINT and SIGTERM. The daemon's run child ignores both and forwards an abort
 * message instead (ADR 9), so a service stop lets the stage finish.
 */
function cancellation(run: RunOptions): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const abort = () => {
    if (controller.signal.aborted) return;
    run.log.warn({ stack: run.stack.name }, "cancelling pulumi run");
    controller.abort();
  };
  if (run.signal?.aborted) abort();
  run.signal?.addEventListener("abort", abort, { once: true });
  const own = run.signal === undefined;
  if (own) {
    process.on("SIGINT", abort);
    process.on("SIGTERM", abort);
  }
  return {
    signal: controller.signal,
    dispose() {
      run.signal?.removeEventListener("abort", abort);
      if (own) {
        process.removeListener("SIGINT", abort);
        process.removeListener("SIGTERM", abort);
      }
    },
  };
}

/** Everything a run needs before the CLI starts: a usable token, settings, a shared backend under CI. */
function prepare(options: PulumiEngineOptions): PulumiSettings {
  const problem = providerTokenProblem(options.apiToken);
  if (problem) throw new ConfigError(problem, { hint: "use a Cloudflare API token (dashboard: My Profile > API Tokens), or --engine native" });
  const env = options.env ?? process.env;
  const settings = resolvePulumiSettings(dataDirOf(options), env);
  requireSharedBackendUnderCi(settings, env);
  return settings;
}

async function guarded<T>(run: RunOptions, work: (open: Open, signal: AbortSignal) => Promise<T>, options: PulumiEngineOptions): Promise<T> {
  const cancel = cancellation(run);
  const env = options.env ?? process.env;
  let settings: PulumiSettings | undefined;
  let lock: { release(): Promise<void> } | undefined;
  const sessions: Session[] = [];
  try {
    cancel.signal.throwIfAborted();
    settings = prepare(options);
    lock = await acquireJobLock(settings.workDir, run.stack.name, run.log);
    await removeStaleLocks(settings.backendUrl, projectName, run.stack.name, run.log, env);
    const ready = settings;
    const open: Open = async (desired, purpose) => {
      const session = await openSession(options, ready, desired, run, cancel.signal, purpose);
      sessions.push(session);
      cancel.signal.throwIfAborted();
      return session;
    };
    return await work(open, cancel.signal);
  } catch (error) {
    // a CLI killed after the grace period leaves its lock; it is this run's own, and stale now
    if (cancel.signal.aborted && settings) await removeStaleLocks(settings.backendUrl, projectName, run.stack.name, run.log, env).catch(() => []);
    throw mapPulumiError(error, { stack: run.stack.name, aborted: cancel.signal.aborted });
  } finally {
    for (const session of sessions) await session.close().catch(() => undefined);
    await lock?.release();
    cancel.dispose();
  }
}

interface Previewed {
  plan: Plan;
  /** Whether `up` has anything to do (Pulumi's change summary, the steps seen, adoption's updates). */
  work: boolean;
  /** Whether all of it is Pulumi state only (resources that stop being managed): no approval needed. */
  stateOnly: boolean;
}

function logWarnings(translator: EventTranslator, run: RunOptions): void {
  for (const warning of translator.warnings()) run.log.warn({ stack: run.stack.name, urn: warning.urn, warning: warning.message }, "pulumi warning");
}

async function preview(session: Session, run: RunOptions, signal: AbortSignal): Promise<Previewed> {
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

export function createPulumiEngine(options: PulumiEngineOptions): Engine {
  requirePulumiCli(options.env ?? process.env);
  return {
    name: "pulumi",
    plan(desired: DesiredState, run: RunOptions): Promise<Plan> {
      return guarded(run, async (open, signal) => (await preview(await open(desired, "preview"), run, signal)).plan, options);
    },
    drift(desired: DesiredState, run: RunOptions): Promise<Plan> {
      // old = what is live now, new = what git says; never writes state
      return guarded(run, async (open, signal) => {
        const { plan } = await preview(await open(desired, "preview"), run, signal);
        // an import is a live object that already matches git: not drift
        const drift = { ...plan, changes: plan.changes.filter((change) => change.op !== "import") };
        return attributePulumiDrift(drift, desired, { ...run, signal }, options);
      }, options);
    },
    apply(desired: DesiredState, run: RunOptions): Promise<ApplyResult> {
      return guarded(run, (open, signal) => up(open, desired, run, signal), options);
    },
    applySaved(saved: Plan, desired: DesiredState, run: RunOptions): Promise<ApplyResult> {
      // the fresh preview must be the saved plan, even when it has nothing to approve
      return guarded(run, (open, signal) => up(open, desired, run, signal, (fresh) => checkSameAs(saved, fresh)), options);
    },
  };
}

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

async function up(open: Open, desired: DesiredState, run: RunOptions, signal: AbortSignal, check?: (fresh: Plan) => void): Promise<ApplyResult> {
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
