// The custom policies of one repository, run in a sandbox process of their own (ADR 26): the caller
// gets policy objects whose checks send the data (the desired state, the plan) to the sandbox and
// wait for its findings. The sandbox starts when the session opens, so it loads while the caller
// does other work; with no policies/*.ts there is no process at all. Each evaluation runs in a
// window (the policy stage timeout): a check still running at its end is stopped with the sandbox,
// and every later check of the session reports that it did not run.
import { join } from "node:path";
import { assumedId, policyFileNames, type CustomLoadFailure, type CustomPolicy } from "../custom.ts";
import { policyShapeProblem } from "../define-policy.ts";
import type { AnyPolicy, PolicyContext } from "../types.ts";
import { policyReads, productReads } from "./allowed-reads.ts";
import { PolicySandboxError, sandboxFailed } from "./errors.ts";
import { createFrameReader, encodeRequest } from "./frames.ts";
import { defaultPolicyMemoryMb, defaultPolicyTimeoutMs, maxReplyBytes } from "./limits.ts";
import { spawnSandbox, type SandboxProcess } from "./process.ts";
import { cacheStrippedPolicies } from "./stripped.ts";
import type { CheckName, PolicyInfo, SandboxReply, SandboxRequest } from "./protocol.ts";
import { exitReason, readReply } from "./replies.ts";

export interface CustomSet {
  policies: CustomPolicy[];
  failures: CustomLoadFailure[];
}

export interface CustomPolicies {
  /** The custom policies (their checks run in the sandbox) and the files that could not be loaded. */
  load(): Promise<CustomSet>;
  /** Opens one evaluation's window of `timeoutMs`; call the returned function when the evaluation is done. */
  window(timeoutMs: number): () => void;
  /** Stops the sandbox (idempotent). */
  close(): void;
}

export interface CustomPolicyOptions {
  /** The policy timeout; the sandbox's CPU-time limit allows a few such windows. Default 30 s. */
  timeoutMs?: number;
  /** Heap cap of the sandbox (--max-old-space-size). Default 256 MB. */
  memoryMb?: number;
  /** Where the policies' stripped JavaScript is kept between runs (policyCacheDir); none: the sandbox strips them. */
  cacheDir?: string | undefined;
}

interface Pending {
  label: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

let product: Promise<string[]> | undefined;

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

export function openCustomPolicies(root: string, options: CustomPolicyOptions = {}): CustomPolicies {
  const memoryMb = options.memoryMb ?? defaultPolicyMemoryMb;
  const timeoutMs = options.timeoutMs ?? defaultPolicyTimeoutMs;
  let sandbox: SandboxProcess | undefined;
  let stopped: PolicySandboxError | undefined;
  let intended: PolicySandboxError | undefined; // why we are stopping it, before the exit says so
  let loading: { resolve(infos: Extract<SandboxReply, { type: "loaded" }>): void; reject(error: Error): void } | undefined;
  const calls = new Map<number, Pending>();
  let nextCall = 1;
  let context: { id: number; desired: unknown; plan: unknown; stack: unknown; now: unknown } | undefined;
  const killOnExit = () => sandbox?.child.kill("SIGKILL");

  function send(request: SandboxRequest): void {
    for (const part of encodeRequest(request)) sandbox?.child.stdin!.write(part);
  }

  /** Everything waiting fails with `error`; nothing more is sent. */
  function stop(error: PolicySandboxError): void {
    stopped ??= error;
    if (sandbox && sandbox.child.exitCode === null && sandbox.child.signalCode === null) {
      intended ??= error;
      sandbox.child.kill("SIGKILL");
    }
    loading?.reject(error);
    loading = undefined;
    for (const pending of calls.values()) pending.reject(error);
    calls.clear();
  }

  function onReply(reply: SandboxReply): void {
    if (reply.type === "loaded") {
      loading?.resolve(reply);
      loading = undefined;
      return;
    }
    const pending = calls.get(reply.call);
    if (!pending) return stop(sandboxFailed("the policy sandbox sent an answer to no question and was stopped"));
    calls.delete(reply.call);
    if (reply.ok) pending.resolve(reply.value);
    else pending.reject(new Error(reply.message));
  }

  async function start(): Promise<CustomSet> {
    const names = await policyFileNames(join(root, "policies"));
    if (names.length === 0) return { policies: [], failures: [] };
    const everyFile = (message: string): CustomSet => ({ policies: [], failures: names.map((name) => ({ id: assumedId(name), file: `policies/${name}`, message, line: 1, column: 1 })) });
    product ??= productReads();
    const reads = await policyReads(root, await product);
    if ("problem" in reads) return everyFile(`custom policies were not run: ${reads.problem.message}; remove the link (custom policies may read only policies/ and cf-gitops itself)`);
    if (stopped) return everyFile(`cannot load custom policy: ${stopped.reason}`);
    const cacheDir = options.cacheDir;
    if (cacheDir) cacheStrippedPolicies(reads.dir, cacheDir);
    sandbox = spawnSandbox({ policiesDir: reads.dir, reads: [...(await product), ...reads.dependencies], memoryMb, cpuSeconds: (3 * timeoutMs) / 1000 + 10, ...(cacheDir ? { cacheDir } : {}) });
    process.once("exit", killOnExit);
    const started = sandbox;
    const reader = createFrameReader(maxReplyBytes, (body) => {
      const reply = readReply(body);
      if (typeof reply === "string") stop(sandboxFailed(`the policy sandbox sent a malformed answer (${reply}) and was stopped`));
      else onReply(reply);
    }, (bytes) => stop(sandboxFailed(`the policy sandbox sent an answer of ${bytes} bytes, over the limit of ${maxReplyBytes}, and was stopped`)));
    (started.child.stdio[3] as NodeJS.ReadableStream).on("data", (chunk: Buffer) => reader.push(chunk));
    started.child.once("error", (error) => stop(sandboxFailed(`the policy sandbox could not start: ${error.message}`)));
    started.child.once("exit", (code, signal) => {
      process.off("exit", killOnExit);
      stop(intended ?? sandboxFailed(exitReason(code, signal, started.outputTail(), memoryMb)));
    });
    try {
      const loaded = await new Promise<Extract<SandboxReply, { type: "loaded" }>>((resolve, reject) => (loading = { resolve, reject }));
      return toCustomSet(loaded, names);
    } catch (error) {
      return everyFile(`cannot load custom policy: ${error instanceof PolicySandboxError ? error.reason : String(error)}`);
    }
  }

  function call(info: PolicyInfo, check: CheckName, ctx: PolicyContext<unknown>): Promise<unknown> {
    if (stopped) return Promise.reject(new PolicySandboxError(`was not run: ${stopped.reason}`, { reason: stopped.reason }));
    const { desired, plan, stack, now } = ctx;
    if (!context || context.desired !== desired || context.plan !== plan || context.stack !== stack || context.now !== now) {
      context = { id: (context?.id ?? 0) + 1, desired, plan, stack, now };
      send({ type: "context", context: context.id, desired, now, ...(stack ? { stack } : {}), ...(plan ? { plan } : {}) });
    }
    const id = nextCall++;
    const promise = new Promise<unknown>((resolve, reject) => calls.set(id, { label: `${info.id} (${info.file})`, resolve, reject }));
    send({ type: "check", call: id, context: context.id, policy: info.key, check, params: ctx.params as Record<string, unknown> });
    return promise;
  }

  function toCustomSet(loaded: Extract<SandboxReply, { type: "loaded" }>, names: string[]): CustomSet {
    const files = new Set(names.map((name) => `policies/${name}`));
    const failures = loaded.failures.filter((failure) => files.has(failure.file));
    const policies: CustomPolicy[] = [];
    for (const info of loaded.policies) {
      if (!files.has(info.file)) continue;
      const policy: AnyPolicy = {
        id: info.id, description: info.description,
        ...(info.level !== undefined ? { level: info.level } : {}),
        ...(info.paramsSchema !== undefined ? { paramsSchema: info.paramsSchema } : {}),
        ...(info.remediation !== undefined ? { remediation: info.remediation } : {}),
        ...(info.tightening !== undefined ? { tightening: info.tightening } : {}),
      };
      if (info.checks.includes("checkState")) policy.checkState = (_desired, ctx) => call(info, "checkState", ctx) as never;
      if (info.checks.includes("checkPlan")) policy.checkPlan = (_plan, ctx) => call(info, "checkPlan", ctx) as never;
      const problem = policyShapeProblem(policy);
      if (problem) failures.push({ id: assumedId(info.file.slice("policies/".length)), file: info.file, message: `not a valid policy: ${problem}`, line: 1, column: 1 });
      else policies.push({ policy, file: info.file });
    }
    return { policies, failures };
  }

  let loadSettled = false;
  const loaded = start().finally(() => (loadSettled = true));
  return {
    load: () => loaded,
    window(windowMs) {
      const timer = setTimeout(() => {
        const running = calls.values().next().value;
        if (running) {
          const reason = `the policy sandbox was stopped when policy ${running.label} ran past the policy timeout (${seconds(windowMs)})`;
          stop(new PolicySandboxError(`did not finish within the policy timeout (${seconds(windowMs)}); the policy sandbox was stopped`, { code: "policy-timeout", reason }));
        } else if (!loadSettled) {
          stop(new PolicySandboxError("did not load", { code: "policy-timeout", reason: `loading the custom policies did not finish within the policy timeout (${seconds(windowMs)}); the policy sandbox was stopped` }));
        }
      }, windowMs);
      timer.unref();
      return () => clearTimeout(timer);
    },
    close() {
      stop(stopped ?? sandboxFailed("the policy sandbox was closed"));
      sandbox?.child.stdin!.end();
    },
  };
}

export type { PolicyInfo };
