// The Pulumi engine: the Engine port over the Automation API. plan = preview --refresh, apply =
// preview --refresh then up --refresh, drift = the same preview read the other way round, so plan,
// drift and apply mean what they mean with the native engine (live against git). The CLI check
// runs first, so a missing `pulumi` gives the install hint before any Pulumi SDK is loaded.
import type { DesiredState } from "../../desired-state/types.ts";
import type { ApplyResult, Plan } from "../../plan/types.ts";
import { ConfigError } from "../../shared/errors.ts";
import type { Engine, RunOptions } from "../engine.ts";
import { requirePulumiCli } from "./cli.ts";
import { mapPulumiError } from "./errors.ts";
import { attributePulumiDrift } from "./attribution.ts";
import { acquireJobLock, removeStaleLocks } from "./locks.ts";
import { checkSameAs } from "./saved-plan.ts";
import { preview } from "./preview.ts";
import { dataDirOf, openSession, type PulumiEngineOptions, type Session } from "./session.ts";
import { up, type Open } from "./update.ts";
import { projectName, requireSharedBackendUnderCi, resolvePulumiSettings, type PulumiSettings } from "./settings.ts";
import { providerTokenProblem } from "./token.ts";

export type { PulumiEngineOptions } from "./session.ts";
export { findPulumiCli, pulumiInstallHint } from "./cli.ts";
export { formatPulumiImportIds, listPulumiImportIds, type PulumiImportId } from "./import-ids.ts";
export { describePulumiLock, pulumiLockKeys, type PulumiLockDescription } from "./lock-keys.ts";

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
