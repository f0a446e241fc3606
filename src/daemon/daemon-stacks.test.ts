// Many stacks in one daemon, in process, with a stand-in for the run child (the real one is covered
// end to end in test/daemon-stacks.test.ts): one fetch routed to the stacks a commit concerns, stacks
// coming and going with their files, shared run slots, failure kept inside its stack, and each
// write recorded as the run reports it.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createUpstream, repoRoot, type Upstream } from "../../test/support/daemon-process.ts";
import { loadStack } from "../desired-state/stack.ts";
import type { StackConfig } from "../desired-state/types.ts";
import { silentLogger } from "../shared/logger.ts";
import { startDaemon, type DaemonOptions, type RunningDaemon } from "./daemon.ts";
import type { RunHooks, RunJob } from "./run-job.ts";
import type { Change } from "../plan/types.ts";
import type { RunOutcome } from "./run-types.ts";

let dir: string;
let upstream: Upstream;
let daemon: RunningDaemon | undefined;
let base: StackConfig;

const includes: Record<string, string[]> = { home: ["zones/example.com.yaml", "services/*.yaml"], work: ["zones/example.net.yaml"], lab: ["zones/lab.yaml"] };
const stackFile = (name: string, extra = "") => `engine: native\ndesired_state:\n  dir: desired-state\n  include: ${JSON.stringify(includes[name])}\n${extra}`;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "cf-gitops-daemon-stacks-"));
  upstream = await createUpstream(dir, "", { stacks: { home: stackFile("home", "tunnels:\n  home-pi: {}\n"), work: stackFile("work", "api_token_env: WORK_CF_KEY\n") } });
  base = (await loadStack(repoRoot)).stack!;
});
afterEach(async () => {
  await daemon?.stop();
  daemon = undefined;
  await rm(dir, { recursive: true, force: true });
});

type Behaviour = (job: RunJob, hooks: RunHooks) => Promise<Partial<RunOutcome>> | Partial<RunOutcome>;

function fakeRuns(behaviour: Behaviour = () => ({})) {
  const jobs: RunJob[] = [];
  let active = 0;
  let maxActive = 0;
  return {
    jobs,
    maxActive: () => maxActive,
    async runJob(job: RunJob, hooks: RunHooks): Promise<RunOutcome> {
      jobs.push(job);
      active++;
      maxActive = Math.max(maxActive, active);
      try {
        hooks.onCommit(job.commit);
        const extra = await behaviour(job, hooks);
        const config = { ...base, name: job.stackName, file: `stacks/${job.stackName}.yaml`, desired_state: { dir: "desired-state", include: includes[job.stackName] ?? ["**/*.yaml"] } };
        return {
          runId: job.runId, stack: job.stackName, kind: job.request.kind, triggers: job.request.triggers, result: "success",
          startedAt: job.request.queuedAt, finishedAt: Date.now(), commit: job.commit, branch: job.branch, diagnostics: [], outcomes: [], stackConfig: config,
          ...extra,
        };
      } finally {
        active--;
      }
    },
  };
}

function start(runs: ReturnType<typeof fakeRuns>, extra: Partial<DaemonOptions> = {}): Promise<RunningDaemon> {
  return startDaemon({ repo: upstream.bare, branch: "main", dataDir: join(dir, "data"), port: 0, env: {}, log: silentLogger(), runJob: runs.runJob, certificateChecks: false, ...extra });
}

/** Waits for the poller to see a pushed commit and for `count` runs in all, then a little more (for runs that should not come). */
async function settle(runs: { jobs: unknown[] }, count: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (runs.jobs.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  await new Promise((resolve) => setTimeout(resolve, 600));
  await daemon!.idle();
}

const ran = (runs: ReturnType<typeof fakeRuns>, from = 0) => runs.jobs.slice(from).map((job) => `${job.stackName}:${job.request.kind}:${job.request.triggers.join(",")}`).sort();

describe("one daemon, many stacks", () => {
  it("starts every stack in stacks/, then runs only the stacks a commit concerns, and follows stack files coming and going", async () => {
    const runs = fakeRuns();
    daemon = await start(runs, { pollSeconds: 0.2 });
    await daemon.idle();
    expect(daemon.stacks().sort()).toEqual(["home", "work"]);
    expect(ran(runs)).toEqual(["home:apply:startup", "work:apply:startup"]);
    // Each run is told its stack's token variable, as the stack file names it.
    expect(runs.jobs.find((job) => job.stackName === "work")?.tokenEnv).toBe("WORK_CF_KEY");
    expect(runs.jobs.find((job) => job.stackName === "home")?.tokenEnv).toBeUndefined();

    const zone = "desired-state/zones/example.com.yaml";
    const onlyHome = await upstream.commit({ [zone]: `${await upstream.read(zone)}\n` }, "home only");
    await settle(runs, 3);
    expect(ran(runs, 2)).toEqual(["home:apply:poll"]);
    expect(runs.jobs[2]?.commit.sha).toBe(onlyHome);

    await upstream.commit({ "policies/policy.yaml": `${await upstream.read("policies/policy.yaml")}\n` }, "policies concern everyone");
    await settle(runs, 5);
    expect(ran(runs, 3)).toEqual(["home:apply:poll", "work:apply:poll"]);

    await upstream.commit({ "stacks/lab.yaml": stackFile("lab"), "desired-state/zones/lab.yaml": "zone: lab.example\n" }, "a third stack");
    await settle(runs, 6);
    expect(daemon.stacks().sort()).toEqual(["home", "lab", "work"]);
    expect(ran(runs, 5)).toEqual(["lab:apply:poll"]);

    await upstream.git.rm(["stacks/work.yaml"]);
    await upstream.commit({}, "work moves out");
    const gone = Date.now() + 15_000;
    while (daemon.stacks().includes("work") && Date.now() < gone) await new Promise((resolve) => setTimeout(resolve, 50));
    await settle(runs, 6);
    expect(daemon.stacks().sort()).toEqual(["home", "lab"]);
    expect(runs.jobs).toHaveLength(6);
  });

  it("with --stack, runs only the named stacks, and a named stack the repository lacks fails visibly", async () => {
    const runs = fakeRuns();
    daemon = await start(runs, { stacks: ["work", "ghost"] });
    await daemon.idle();
    expect(daemon.stacks().sort()).toEqual(["ghost", "work"]);
    expect(ran(runs)).toEqual(["ghost:apply:startup", "work:apply:startup"]);
  });

  it("overlaps runs of different stacks up to the concurrency (1 by default), and a failing stack does not stop the others", async () => {
    const slow: Behaviour = async (job) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      if (job.stackName === "work") throw new Error("could not reach the account: 403 Invalid access token");
      return {};
    };
    const serial = fakeRuns(slow);
    daemon = await start(serial);
    await daemon.idle();
    expect(serial.maxActive()).toBe(1);
    await daemon.stop();

    const parallel = fakeRuns(slow);
    daemon = await start(parallel, { concurrency: 2 });
    await daemon.idle();
    expect(parallel.maxActive()).toBe(2);
    const [work] = daemon.history.listRuns({ stack: "work" });
    const [home] = daemon.history.listRuns({ stack: "home" });
    expect(work).toMatchObject({ result: "failure", error: expect.stringContaining("403 Invalid access token") });
    expect(home?.result).toBe("success");

    const status = (await (await fetch(`${daemon.url}/api/status`)).json()) as { stacks: Array<{ name: string; health: { state: string; reason?: string } }> };
    expect(status.stacks.find((stack) => stack.name === "work")?.health).toMatchObject({ state: "failing", reason: expect.stringContaining("Invalid access token") });
    expect(status.stacks.find((stack) => stack.name === "home")?.health.state).toBe("in sync");
    const page = await (await fetch(`${daemon.url}/`)).text();
    expect(page).toMatch(/<tr data-stack="work" data-state="failing">[\s\S]*?Invalid access token[\s\S]*?<\/tr>/);
    expect(page).toMatch(/<tr data-stack="home" data-state="in sync">/);
    const metrics = await (await fetch(`${daemon.url}/metrics`)).text();
    expect(metrics).toContain('cfgitops_runs_total{stack="work",kind="apply",result="failure"} 1');
    expect(metrics).toContain('cfgitops_runs_total{stack="home",kind="apply",result="success"} 1');
  });

  it("queues a manual run for the stack named in POST /api/reconcile, or for every stack", async () => {
    const runs = fakeRuns();
    daemon = await start(runs, { env: { CFGITOPS_ADMIN_TOKEN: "admin-token-for-tests" } });
    await daemon.idle();
    const post = (body: unknown) => fetch(`${daemon!.url}/api/reconcile`, { method: "POST", headers: { authorization: "Bearer admin-token-for-tests", "content-type": "application/json" }, body: JSON.stringify(body) });
    const one = await post({ kind: "drift", stack: "work" });
    expect(one.status).toBe(202);
    expect(await one.json()).toMatchObject({ queued: true, kind: "drift", stack: "work" });
    await daemon.idle();
    expect(ran(runs, 2)).toEqual(["work:drift:manual"]);
    const unknown = await post({ kind: "drift", stack: "nope" });
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(await unknown.json())).toContain('no stack named \\"nope\\"; the daemon runs: home, work');
    const all = await post({ kind: "drift" });
    expect(await all.json()).toMatchObject({ queued: true, stacks: [{ stack: "home" }, { stack: "work" }] });
    await daemon.idle();
    expect(ran(runs, 3)).toEqual(["home:drift:manual", "work:drift:manual"]);
  });

  it("records each write as the run reports it, before the run ends", async () => {
    const change = (id: string): Change => ({ kind: "dns-record", id, zone: "example.com", op: "create" as const, fields: [] });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reported!: () => void;
    const halfway = new Promise<void>((resolve) => (reported = resolve));
    const runs = fakeRuns(async (job, hooks) => {
      if (job.stackName !== "home") return {};
      hooks.onPlan?.([change("a"), change("b"), change("c")]);
      hooks.onOutcome?.({ kind: "dns-record", id: "a", op: "create", status: "applied" });
      hooks.onOutcome?.({ kind: "dns-record", id: "b", op: "create", status: "failed", error: "credential WORK_SECRET_VALUE_123 rejected" });
      reported();
      await gate;
      return {};
    });
    daemon = await start(runs, { env: { WORK_CF_KEY: "WORK_SECRET_VALUE_123" } });
    await halfway;
    const running = daemon.history.listRuns({ stack: "home" })[0]!;
    expect(running.result).toBe("running");
    expect(daemon.history.getRun(running.id)?.changes.map((c) => [c.id, c.outcome, c.error])).toEqual([
      ["a", "applied", undefined], ["b", "failed", "credential [redacted] rejected"], ["c", "planned", undefined],
    ]);
    release();
    await daemon.idle();
  });
});
