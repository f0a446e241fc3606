// Each run happens in a child process (ADR 9): the engine SDKs, the loader and the policies are
// loaded there and given back to the OS when the run ends, so the idle daemon stays small, and a
// crash or leak in a run cannot take the daemon (its history, metrics and HTTP surface) down.
import { fork } from "node:child_process";
import { AbortedError, CfGitopsError } from "../shared/errors.ts";
import type { ChildMessage, ParentMessage, RunJob, RunJobFn } from "./run-job.ts";
import type { RunOutcome } from "./run-types.ts";

export class RunProcessError extends CfGitopsError {
  override name = "RunProcessError";
}

export interface ChildRunnerOptions {
  /** The module the child runs (it answers a "start" message with "done"). */
  entry: string;
  /** The run's environment: only what a run needs (run-env.ts), never the daemon's own secrets. */
  env(job: RunJob): NodeJS.ProcessEnv;
  /** Past this, the child is killed; the stage timeouts inside it should fire long before. */
  hardTimeoutMs: (job: RunJob) => number;
}

export function createChildRunner(options: ChildRunnerOptions): RunJobFn {
  return (job, hooks, signal) =>
    new Promise<RunOutcome>((resolve, reject) => {
      const env = options.env(job);
      // Another stack's token never reaches this run, even in a variable whose name looks harmless.
      for (const name of job.otherTokenEnvs ?? []) if (name !== job.tokenEnv) delete env[name];
      const child = fork(options.entry, [], { env, stdio: ["ignore", "inherit", "inherit", "ipc"], serialization: "advanced" });
      let outcome: RunOutcome | undefined;
      // With a callback, a channel that closes mid-send reports to it instead of an unhandled 'error'.
      const send = (message: ParentMessage) => child.connected && child.send(message, () => undefined);
      const onAbort = () => send({ type: "abort" });
      signal.addEventListener("abort", onAbort, { once: true });
      const timer = setTimeout(() => child.kill("SIGKILL"), options.hardTimeoutMs(job));
      child.on("message", (message: ChildMessage) => {
        if (message.type === "commit") hooks.onCommit(message.commit);
        else if (message.type === "request") hooks.onRequest(message.request);
        else if (message.type === "plan") hooks.onPlan?.(message.changes);
        else if (message.type === "outcome") hooks.onOutcome?.(message.outcome);
        else if (message.type === "done") outcome = message.outcome;
      });
      child.once("error", (error) => reject(new RunProcessError(`could not start the run process: ${error.message}`, { cause: error })));
      child.once("exit", (code, killedBy) => {
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
        if (outcome) return resolve(outcome);
        if (signal.aborted) return reject(new AbortedError("the run was cancelled"));
        const how = killedBy ? `was killed by ${killedBy}` : `exited with code ${code}`;
        reject(new RunProcessError(`the run process ${how} before finishing`, { hint: "see the daemon's log for the run's own error" }));
      });
      send({ type: "start", job });
    });
}
