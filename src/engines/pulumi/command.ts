// The `pulumi` CLI as the Automation API runs it, but with the child process in our hands. The
// Automation API spawns the CLI itself and, on abort, sends one SIGINT and nothing more; it never
// exposes the process. Its LocalWorkspace takes a `pulumiCommand`, so cf-gitops passes one whose
// `run` spawns the CLI here: in its own process group (a terminal's ^C or a unit's SIGTERM reaches
// cf-gitops only, which then sends exactly one SIGINT, the CLI's "cancel gracefully"), and, if the
// CLI is still running after a grace period, SIGKILL to the whole group (CLI and provider plugins).
// `stack.cancel()` is never used: on a file backend it deletes the locks of a CLI that may still run.
import { spawn, type ChildProcess } from "node:child_process";
import { dirname, isAbsolute } from "node:path";
import type { automation } from "@pulumi/pulumi";
import type { Logger } from "../../shared/logger.ts";

type Auto = typeof automation;
type OutputFn = (data: string) => void;

/** What the Automation API calls on its PulumiCommand (`run` is marked internal there). */
interface RunnableCommand {
  command: string;
  run(args: string[], cwd: string, additionalEnv: Record<string, string>, onOutput?: OutputFn, onError?: OutputFn, signal?: AbortSignal): Promise<unknown>;
}

/** The Automation API's own result and error types, so its `instanceof` checks keep working. */
interface CommandInternals {
  CommandResult: new (stdout: string, stderr: string, code: number, err?: Error) => unknown;
  createCommandError(result: unknown): Error;
}

export interface CliControl {
  /** Pids of CLI processes running now. */
  running(): number[];
  /** Pids this control had to SIGKILL (they may have left a lock behind). */
  killed(): number[];
}

export interface TrackedCommandOptions {
  /** The run's cancellation: every CLI started for it gets SIGINT when it fires. */
  signal: AbortSignal;
  /** How long a CLI may take to stop after SIGINT before its process group gets SIGKILL. */
  graceMs: number;
  log: Logger;
}

interface Tracked {
  child: ChildProcess;
  interrupted: boolean;
}

const everyChild = new Set<Tracked>();
let exitHookInstalled = false;

/** If cf-gitops itself exits mid-run, each CLI still gets its SIGINT and can stop cleanly on its own. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const tracked of everyChild) if (!tracked.interrupted && tracked.child.pid) tryKill(tracked.child.pid, "SIGINT");
  });
}

function tryKill(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

function stripFinalNewline(text: string): string {
  return text.endsWith("\n") ? text.slice(0, text.endsWith("\r\n") ? -2 : -1) : text;
}

export function internalsOf(auto: Auto): CommandInternals | undefined {
  const candidate = auto as unknown as Partial<CommandInternals>;
  return typeof candidate.CommandResult === "function" && typeof candidate.createCommandError === "function" ? (candidate as CommandInternals) : undefined;
}

/**
 * A PulumiCommand for LocalWorkspaceOptions.pulumiCommand whose CLI processes this module starts
 * and stops. Falls back to the Automation API's own command (SIGINT only) if its internals moved.
 */
export async function trackedPulumiCommand(auto: Auto, options: TrackedCommandOptions): Promise<{ command: automation.PulumiCommand; control: CliControl }> {
  const base = await auto.PulumiCommand.get();
  const internals = internalsOf(auto);
  const live = new Set<Tracked>();
  const killedPids: number[] = [];
  const control: CliControl = { running: () => [...live].flatMap((t) => (t.child.pid ? [t.child.pid] : [])), killed: () => [...killedPids] };
  if (!internals) {
    options.log.warn({}, "the Automation API's command internals moved; cancelling falls back to its single SIGINT");
    return { command: base, control };
  }
  const runnable = base as unknown as RunnableCommand;

  function interrupt(tracked: Tracked): void {
    const pid = tracked.child.pid;
    if (tracked.interrupted || pid === undefined || tracked.child.exitCode !== null) return;
    tracked.interrupted = true;
    options.log.warn({ pid }, "interrupting the pulumi CLI");
    tryKill(pid, "SIGINT");
    const timer = setTimeout(() => {
      if (tracked.child.exitCode !== null || tracked.child.signalCode !== null) return;
      options.log.warn({ pid, graceMs: options.graceMs }, "the pulumi CLI did not stop after SIGINT; killing it");
      killedPids.push(pid);
      if (!tryKill(-pid, "SIGKILL")) tryKill(pid, "SIGKILL");
    }, options.graceMs);
    tracked.child.once("close", () => clearTimeout(timer));
  }

  function run(args: string[], cwd: string, additionalEnv: Record<string, string>, onOutput?: OutputFn, onError?: OutputFn, signal?: AbortSignal): Promise<unknown> {
    const argv = args.includes("--non-interactive") ? [...args] : [...args, "--non-interactive"];
    const env: NodeJS.ProcessEnv = { ...process.env, ...additionalEnv, PULUMI_AUTOMATION_API: "true" };
    if (isAbsolute(runnable.command)) env.PATH = `${dirname(runnable.command)}:${additionalEnv.PATH ?? process.env.PATH ?? ""}`;
    const fail = (stdout: string, stderr: string, code: number, err?: Error) => internals!.createCommandError(new internals!.CommandResult(stdout, stderr, code, err));
    if (options.signal.aborted) return Promise.reject(fail("", "cancelled before the pulumi CLI started", -2));
    return new Promise((resolve, reject) => {
      const child = spawn(runnable.command, argv, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
      const tracked: Tracked = { child, interrupted: false };
      live.add(tracked);
      everyChild.add(tracked);
      installExitHook();
      let stdout = "";
      let stderr = "";
      child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
        stdout += chunk;
        onOutput?.(chunk);
      });
      child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
        stderr += chunk;
        onError?.(chunk);
      });
      const onAbort = () => interrupt(tracked);
      options.signal.addEventListener("abort", onAbort, { once: true });
      signal?.addEventListener("abort", onAbort, { once: true });
      const done = () => {
        live.delete(tracked);
        everyChild.delete(tracked);
        options.signal.removeEventListener("abort", onAbort);
        signal?.removeEventListener("abort", onAbort);
      };
      child.once("error", (error) => {
        done();
        reject(fail("", error.message, -2, error));
      });
      child.once("close", (code, killedBy) => {
        done();
        const result = { stdout: stripFinalNewline(stdout), stderr: stripFinalNewline(stderr) };
        if (code === 0) resolve(new internals!.CommandResult(result.stdout, result.stderr, 0));
        else reject(fail(result.stdout, killedBy ? `${result.stderr}\n(pulumi stopped by ${killedBy})`.trim() : result.stderr, code ?? -1));
      });
    });
  }

  const command = Object.assign(Object.create(Object.getPrototypeOf(base) as object) as object, base, { run }) as automation.PulumiCommand;
  return { command, control };
}
