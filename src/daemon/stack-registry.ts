// Which stacks the daemon runs: every stack file in stacks/ at the newest fetched commit, or the ones
// named with --stack. A stack a commit adds starts with an apply; a stack whose file a commit removes
// is retired (no more runs; its resources are left alone and its history kept). Like the run queue,
// the registry takes what fetches find from creation but builds no stack until start() gives it the
// factory, so the daemon can wire its parts in order.
import type { Logger } from "pino";
import type { CommitInfo, StackFileRef } from "./git-source.ts";
import type { Trigger } from "./run-queue.ts";
import type { StackRuntime } from "./stack-runtime.ts";

export interface StackRegistryOptions {
  /** --stack: only these, whatever the repository has (a missing one fails its runs, visibly). */
  requested?: readonly string[];
  /** The stacks to run when the repository could not be read at start-up. */
  fallback(): string[];
  /** Every stack's `api_token_env` at the newest commit (their values are redacted). */
  onTokenEnvs(names: string[]): void;
  log: Logger;
}

export interface StackRegistry {
  list(): StackRuntime[];
  get(name: string): StackRuntime | undefined;
  /** The stacks at a fetched head: adds new ones (their first apply queued), retires those gone. Returns the added names. */
  update(files: StackFileRef[], trigger: Trigger, head: CommitInfo): string[];
  /** Builds the stacks known so far (or the fallback), each with a first apply named by `firstTrigger`. */
  start(factory: (name: string) => StackRuntime, firstTrigger: (name: string) => Trigger): void;
  /** Shutdown: no more runs; resolves when the running ones have finished. */
  close(): Promise<void>;
}

export function createStackRegistry(options: StackRegistryOptions): StackRegistry {
  const runtimes = new Map<string, StackRuntime>();
  let factory: ((name: string) => StackRuntime) | undefined;
  let latest: { files: StackFileRef[]; head: CommitInfo } | undefined;
  let closed = false;
  const requested = options.requested && options.requested.length > 0 ? [...new Set(options.requested)] : undefined;

  function wanted(files: StackFileRef[] | undefined): string[] {
    if (requested) return requested;
    if (!files) return options.fallback();
    // No stack file at all: "default" runs and fails with the loader's own explanation.
    return files.length > 0 ? files.map((file) => file.name) : ["default"];
  }

  function build(files: StackFileRef[] | undefined, trigger: (name: string) => Trigger, head: CommitInfo | undefined): string[] {
    const tokenEnvs = new Map(files?.map((file) => [file.name, file.tokenEnv]) ?? []);
    if (files) options.onTokenEnvs([...tokenEnvs.values()].filter((name): name is string => name !== undefined));
    const names = wanted(files);
    const added: string[] = [];
    for (const name of names) {
      let runtime = runtimes.get(name);
      if (!runtime) {
        runtime = factory!(name);
        runtimes.set(name, runtime);
        added.push(name);
        if (head) runtime.seen(head.sha);
      }
      if (files) runtime.tokenEnv = tokenEnvs.get(name);
      if (added.includes(name)) runtime.queue.enqueue("apply", trigger(name), head?.sha);
    }
    if (files) {
      for (const [name, runtime] of runtimes) {
        if (names.includes(name)) continue;
        runtime.retire();
        runtimes.delete(name);
        options.log.info({ stack: name }, "stack file removed; the stack is no longer reconciled (its resources are left as they are)");
      }
    }
    if (added.length > 0) options.log.info({ stacks: added }, "reconciling stacks");
    return added;
  }

  return {
    list: () => [...runtimes.values()],
    get: (name) => runtimes.get(name),
    update(files, trigger, head) {
      latest = { files, head };
      return factory && !closed ? build(files, () => trigger, head) : [];
    },
    start(create, firstTrigger) {
      if (factory) throw new Error("the stack registry is already started");
      factory = create;
      build(latest?.files, firstTrigger, latest?.head);
    },
    async close() {
      closed = true;
      await Promise.all([...runtimes.values()].map((runtime) => runtime.close()));
    },
  };
}
