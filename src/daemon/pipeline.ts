// One pass of the pipeline for one stack: fetch -> load/validate -> policy -> plan -> apply (or drift).
// Every failure becomes a recorded outcome; nothing here throws past the run.
import type { Logger } from "pino";
import { loadDesiredState, loadStack } from "../desired-state/index.ts";
import type { DesiredState, StackConfig } from "../desired-state/types.ts";
import type { Engine } from "../engines/engine.ts";
import type { Change, ChangeOutcome, Plan } from "../plan/types.ts";
import { policyGate, runPolicies, type PolicyReport } from "../policy/index.ts";
import { openCustomPolicies, type CustomPolicies, type CustomPolicyOptions } from "../policy/sandbox/index.ts";
import { AbortedError, CfGitopsError } from "../shared/errors.ts";
import { certificateTargets } from "../status/certificates.ts";
import type { CommitInfo, GitSource } from "./git-source.ts";
import { countManaged } from "./managed-resources.ts";
import type { RunRequest } from "./run-queue.ts";
import type { RunOutcome } from "./run-types.ts";
import { runStage, type StageTimeouts } from "./stage.ts";

export interface PipelineDeps {
  /** Recorded as started by the caller, before this pass makes any API call. */
  runId: number;
  stackName: string;
  source: GitSource;
  onCommit(commit: CommitInfo): void;
  /** The approved plan, before the first write; then each write's outcome as soon as it is known. */
  onPlan?(changes: Change[]): void;
  onOutcome?(outcome: ChangeOutcome): void;
  engineFor(stack: StackConfig): Engine;
  timeouts: StageTimeouts;
  /** The policy floor's absolute path: the repository's policies can tighten it, never loosen it. */
  policyFloor?: string;
  /** Drift runs: where the audit log is read from (the previous drift or apply run's start). */
  attributionSince?: Date;
  /** The custom policies' sandbox: its heap cap and the folder of stripped policies (sandboxOptions). */
  policySandbox?: Omit<CustomPolicyOptions, "timeoutMs">;
  log: Logger;
  signal: AbortSignal;
}

function describeError(error: unknown): string {
  if (error instanceof CfGitopsError) return error.hint ? `${error.message} (${error.hint})` : error.message;
  return error instanceof Error ? error.message : String(error);
}

export async function runPipeline(request: RunRequest, deps: PipelineDeps): Promise<RunOutcome> {
  const startedAt = Date.now();
  const { runId } = deps;
  const outcome: RunOutcome = {
    runId, stack: deps.stackName, kind: request.kind, triggers: request.triggers, result: "failure",
    startedAt, finishedAt: startedAt, branch: deps.source.branch, diagnostics: [], outcomes: [],
  };
  const log = deps.log.child({ runId, kind: request.kind });
  try {
    await execute(request, deps, outcome, log);
  } catch (error) {
    outcome.result = error instanceof AbortedError || deps.signal.aborted ? "interrupted" : "failure";
    outcome.error = describeError(error);
    log.warn({ err: outcome.error }, "run failed");
  }
  outcome.finishedAt = Date.now();
  return outcome;
}

// The policy stage's own timer waits a little past the sandbox's deadline, so a policy that runs too
// long is reported as such (policy-timeout) rather than as a stage that timed out.
const policyStageGraceMs = 5_000;

/** A policy report's diagnostics (a policy that could not load or run, configuration warnings) stay in the run's; each once. */
function keepPolicyDiagnostics(outcome: RunOutcome, report: PolicyReport): void {
  const key = (d: RunOutcome["diagnostics"][number]) => `${d.file}:${d.line}:${d.column}:${d.code}:${d.message}`;
  const known = new Set(outcome.diagnostics.map(key));
  outcome.diagnostics.push(...report.diagnostics.filter((d) => !known.has(key(d))));
}

/** The report's first policy-timeout error: the run failed (it did not merely find a violation). */
function timedOut(report: PolicyReport): string | undefined {
  return report.diagnostics.find((d) => d.code === "policy-timeout" && d.severity === "error")?.message;
}

async function execute(request: RunRequest, deps: PipelineDeps, outcome: RunOutcome, log: Logger): Promise<void> {
  const { timeouts, signal } = deps;
  const commit = await runStage("fetch", timeouts.fetch, signal, (s) => deps.source.sync(s));
  outcome.commit = commit;
  deps.onCommit(commit);
  // The worktree is at the commit: the custom policies' sandbox starts and loads them during the load stage.
  const custom = openCustomPolicies(deps.source.dir, { ...deps.policySandbox, timeoutMs: timeouts.policy });
  try {
    await evaluate(request, deps, outcome, log, { commit, custom });
  } finally {
    custom.close();
  }
}

async function evaluate(request: RunRequest, deps: PipelineDeps, outcome: RunOutcome, log: Logger, run: { commit: CommitInfo; custom: CustomPolicies }): Promise<void> {
  const { timeouts, signal } = deps;
  const { commit, custom } = run;
  const loaded = await runStage("load", timeouts.load, signal, () => loadAll(deps.source.dir, deps.stackName));
  outcome.stackConfig = loaded.stack;
  outcome.diagnostics = loaded.diagnostics;
  if (!loaded.stack || !loaded.desired || loaded.diagnostics.some((d) => d.severity === "error")) {
    outcome.result = "failure";
    outcome.error = `commit ${commit.sha.slice(0, 7)} has invalid desired state; nothing was applied`;
    return;
  }
  const { stack, desired } = loaded;
  outcome.managed = countManaged(desired);
  const root = deps.source.dir;
  const statePolicy = await runStage("policy", timeouts.policy + policyStageGraceMs, signal, () => runPolicies({ root, desired, stack, floor: deps.policyFloor, custom, timeoutMs: timeouts.policy }));
  outcome.policy = statePolicy;
  keepPolicyDiagnostics(outcome, statePolicy);
  const stopped = timedOut(statePolicy);
  if (stopped) {
    outcome.result = "failure";
    outcome.error = `${stopped}; nothing was applied`;
    return;
  }
  if (statePolicy.blocked) {
    outcome.result = "blocked";
    outcome.error = "a mandatory policy failed on the desired state; nothing was applied";
    return;
  }
  const engine = deps.engineFor(stack);
  if (request.kind === "drift") {
    const drift = await runStage("drift", timeouts.drift, signal, (s) => engine.drift(desired, { stack, log, signal: s, commit: commit.sha, ...(deps.attributionSince ? { attributionSince: deps.attributionSince } : {}) }));
    outcome.plan = recorded(drift);
    outcome.drift = outcome.plan.changes;
    keepWarnings(outcome, drift, stack);
    outcome.result = "success";
    return;
  }
  await applyWithGate(deps, outcome, { stack, desired, root, engine, commitSha: commit.sha, log, custom });
  if (outcome.result === "success" && stack.certificates.enabled) outcome.certificateTargets = certificateTargets(desired, stack);
}

async function loadAll(root: string, stackName: string) {
  const stackResult = await loadStack(root, stackName);
  if (!stackResult.stack) return { stack: undefined, desired: undefined, diagnostics: stackResult.diagnostics };
  const dir = `${root}/${stackResult.stack.desired_state.dir}`;
  const result = await loadDesiredState(dir, { root, stack: stackResult.stack });
  return { stack: stackResult.stack, desired: result.state, diagnostics: [...stackResult.diagnostics, ...result.diagnostics] };
}

/** What a run keeps of a plan: the changes as people read them (payloads and reads are the engine's). */
function recorded(plan: Plan): Plan {
  const { reads: _reads, ...rest } = plan;
  return { ...rest, changes: plan.changes.map(({ payload: _payload, ...change }) => change) };
}

/** Engine warnings (cleared pending operations, ignored read-only records) stay in the run's history. */
function keepWarnings(outcome: RunOutcome, plan: Plan, stack: StackConfig): void {
  for (const message of plan.warnings ?? []) {
    outcome.diagnostics.push({ file: stack.file, line: 1, column: 1, severity: "warning", code: "engine-warning", message });
  }
}

interface ApplyContext {
  stack: StackConfig;
  desired: DesiredState;
  root: string;
  engine: Engine;
  commitSha: string;
  log: Logger;
  custom: CustomPolicies;
}

async function applyWithGate(deps: PipelineDeps, outcome: RunOutcome, ctx: ApplyContext): Promise<void> {
  let planPolicy: PolicyReport | undefined;
  const gate = policyGate({ root: ctx.root, desired: ctx.desired, stack: ctx.stack, floor: deps.policyFloor, custom: ctx.custom, timeoutMs: deps.timeouts.policy }, (report) => {
    planPolicy = report;
    outcome.policy = report;
    keepPolicyDiagnostics(outcome, report);
  });
  const approve = async (plan: Plan) => {
    const approved = await gate(plan);
    if (approved) deps.onPlan?.(recorded(plan).changes);
    return approved;
  };
  const onOutcome = deps.onOutcome;
  const result = await runStage("apply", deps.timeouts.apply, deps.signal, (s) =>
    ctx.engine.apply(ctx.desired, { stack: ctx.stack, log: ctx.log, signal: s, commit: ctx.commitSha, approve, ...(onOutcome ? { onOutcome } : {}) }),
  );
  outcome.plan = recorded(result.plan);
  outcome.outcomes = result.outcomes;
  keepWarnings(outcome, result.plan, ctx.stack);
  const stopped = planPolicy && timedOut(planPolicy);
  if (result.status === "declined" && stopped) {
    outcome.result = "failure";
    outcome.error = `${stopped}; nothing was applied`;
  } else if (result.status === "declined") {
    outcome.result = "blocked";
    const ids = planPolicy?.violations.filter((v) => v.level === "mandatory").map((v) => v.policy) ?? [];
    outcome.error = `blocked by mandatory policy ${[...new Set(ids)].join(", ")}; nothing was applied`;
  } else if (result.status === "failed") {
    outcome.result = "failure";
    outcome.error = result.error ?? "apply failed";
  } else {
    outcome.result = "success";
  }
}
