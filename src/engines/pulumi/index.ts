// The Pulumi engine: the Engine port over the Automation API (plan = preview, apply = up,
// drift = preview with refresh). The CLI check runs first, so a missing `pulumi` gives the
// install hint before any Pulumi SDK is loaded.
import type { DesiredState } from "../../desired-state/types.ts";
import type { ApplyResult, Plan } from "../../plan/types.ts";
import type { Engine, RunOptions } from "../engine.ts";
import { requirePulumiCli } from "./cli.ts";
import { mapPulumiError } from "./errors.ts";
import { createEventTranslator, type EventTranslator } from "./events.ts";
import { approveSameAs } from "./saved-plan.ts";
import { openSession, type PulumiEngineOptions, type Session } from "./session.ts";

export type { PulumiEngineOptions } from "./session.ts";
export { findPulumiCli, pulumiInstallHint } from "./cli.ts";
export { formatPulumiImportIds, listPulumiImportIds, type PulumiImportId } from "./import-ids.ts";

interface SessionRef {
  session?: Session;
}

/** An AbortSignal that fires on the caller's signal or on SIGTERM; `stack.cancel()` if the CLI lingers. */
function cancellation(run: RunOptions, ref: SessionRef): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const abort = () => {
    if (controller.signal.aborted) return;
    run.log.warn({ stack: run.stack.name }, "cancelling pulumi run");
    controller.abort();
    // SIGINT lets the CLI stop cleanly; if it has not stopped after a grace period, cancel the update
    timer = setTimeout(() => void ref.session?.stack.cancel().catch((error: unknown) => run.log.debug({ error: String(error) }, "pulumi cancel failed")), 20_000);
    timer.unref();
  };
  if (run.signal?.aborted) abort();
  run.signal?.addEventListener("abort", abort, { once: true });
  process.once("SIGTERM", abort);
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      run.signal?.removeEventListener("abort", abort);
      process.removeListener("SIGTERM", abort);
    },
  };
}

async function guarded<T>(run: RunOptions, work: (open: (desired: DesiredState) => Promise<Session>, signal: AbortSignal) => Promise<T>, options: PulumiEngineOptions): Promise<T> {
  const ref: SessionRef = {};
  const cancel = cancellation(run, ref);
  const open = async (desired: DesiredState) => {
    ref.session = await openSession(options, desired, run);
    cancel.signal.throwIfAborted();
    return ref.session;
  };
  try {
    cancel.signal.throwIfAborted();
    return await work(open, cancel.signal);
  } catch (error) {
    throw mapPulumiError(error, { stack: run.stack.name, aborted: cancel.signal.aborted });
  } finally {
    cancel.dispose();
  }
}

async function preview(session: Session, run: RunOptions, signal: AbortSignal, refresh: boolean): Promise<{ plan: Plan; translator: EventTranslator }> {
  const translator = createEventTranslator(session.context);
  run.onProgress?.({ stage: refresh ? "refresh" : "plan", message: "pulumi preview" });
  await session.stack.preview({ program: session.program, onEvent: (event) => translator.onEvent(event), refresh, signal, diff: false, color: "never" });
  const plan: Plan = { stack: run.stack.name, engine: "pulumi", account: session.accountId, changes: translator.changes() };
  if (run.commit) plan.commit = run.commit;
  const warnings = [...session.warnings, ...translator.warnings()];
  if (warnings.length > 0) plan.warnings = warnings;
  return { plan, translator };
}

export function createPulumiEngine(options: PulumiEngineOptions): Engine {
  requirePulumiCli(options.env ?? process.env);
  return {
    name: "pulumi",
    plan(desired: DesiredState, run: RunOptions): Promise<Plan> {
      return guarded(run, async (open, signal) => (await preview(await open(desired), run, signal, false)).plan, options);
    },
    drift(desired: DesiredState, run: RunOptions): Promise<Plan> {
      // preview with refresh: old = what is live now, new = what git says; never writes state.
      return guarded(run, async (open, signal) => {
        const { plan } = await preview(await open(desired), run, signal, true);
        // an import is a live object that already matches git: not drift
        return { ...plan, changes: plan.changes.filter((change) => change.op !== "import") };
      }, options);
    },
    apply(desired: DesiredState, run: RunOptions): Promise<ApplyResult> {
      return guarded(run, (open, signal) => up(open, desired, run, signal), options);
    },
    applySaved(saved: Plan, desired: DesiredState, run: RunOptions): Promise<ApplyResult> {
      return guarded(run, (open, signal) => up(open, desired, { ...run, approve: approveSameAs(saved, run) }, signal), options);
    },
  };
}

async function up(open: (desired: DesiredState) => Promise<Session>, desired: DesiredState, run: RunOptions, signal: AbortSignal): Promise<ApplyResult> {
  const session = await open(desired);
  const { plan } = await preview(session, run, signal, false);
  if (plan.changes.length === 0) return { plan, status: "no-changes", outcomes: [] };
  signal.throwIfAborted();
  if (run.approve && !(await run.approve(plan))) {
    run.log.info({ stack: run.stack.name, changes: plan.changes.length }, "apply declined before any write");
    return { plan, status: "declined", outcomes: plan.changes.map((c) => ({ id: c.id, kind: c.kind, op: c.op, status: "skipped" })) };
  }
  signal.throwIfAborted(); // the approval may have waited on a person
  const translator = createEventTranslator(session.context);
  run.onProgress?.({ stage: "apply", message: "pulumi up", total: plan.changes.length });
  try {
    await session.stack.up({ program: session.program, onEvent: (event) => translator.onEvent(event), signal, color: "never" });
  } catch (error) {
    if (signal.aborted) throw error;
    const mapped = mapPulumiError(error, { stack: run.stack.name, aborted: false });
    run.log.error({ stack: run.stack.name, error: mapped.message }, "pulumi up failed");
    return { plan, status: "failed", outcomes: translator.outcomes(false), error: [mapped.message, ...translator.errors()].join("\n") };
  }
  return { plan, status: "applied", outcomes: translator.outcomes(true) };
}
