// The daemon core in process, with a stand-in for the run child (the real one is covered end to end
// in test/daemon-e2e.test.ts): the wiring from queue to history to every post-run surface.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createUpstream, repoRoot, type Upstream } from "../../test/support/daemon-process.ts";
import { loadStack } from "../desired-state/stack.ts";
import { kinds } from "../kinds/registry.ts";
import type { StackConfig } from "../desired-state/types.ts";
import type { Change } from "../plan/types.ts";
import { silentLogger } from "../shared/logger.ts";
import { startDaemon, type DaemonOptions, type RunningDaemon } from "./daemon.ts";
import type { RunJob, RunJobFn } from "./run-job.ts";
import type { RunOutcome } from "./run-types.ts";

let dir: string;
let upstream: Upstream;
let daemon: RunningDaemon | undefined;
let stack: StackConfig;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "cf-gitops-daemon-core-"));
  upstream = await createUpstream(dir);
  stack = (await loadStack(repoRoot)).stack!;
});
afterEach(async () => {
  await daemon?.stop();
  daemon = undefined;
  await rm(dir, { recursive: true, force: true });
});

interface FakeRuns {
  runJob: RunJobFn;
  jobs: RunJob[];
}

/** Runs at the commit the daemon chose, like the run child, and answers with `result` (the stack's settings by default). */
function fakeRuns(result: (job: RunJob) => Partial<RunOutcome> = () => ({}), delayMs = 0): FakeRuns {
  const jobs: RunJob[] = [];
  return {
    jobs,
    async runJob(job, hooks) {
      jobs.push(job);
      hooks.onCommit(job.commit);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return {
        runId: job.runId, stack: job.stackName, kind: job.request.kind, triggers: job.request.triggers, result: "success",
        startedAt: job.request.queuedAt, finishedAt: Date.now(), commit: job.commit, branch: job.branch, diagnostics: [], outcomes: [],
        stackConfig: { ...stack, name: job.stackName, file: `stacks/${job.stackName}.yaml` },
        ...result(job),
      };
    },
  };
}

function start(runs: FakeRuns, extra: Partial<DaemonOptions> = {}): Promise<RunningDaemon> {
  return startDaemon({
    repo: upstream.bare, branch: "main", dataDir: join(dir, "data"), port: 0, env: {}, log: silentLogger(), runJob: runs.runJob,
    certificateChecks: false, ...extra,
  });
}

describe("daemon core", () => {
  it("takes a run's outcome to history, /metrics, the static page and open pages", async () => {
    const runs = fakeRuns();
    daemon = await start(runs);
    const events = await fetch(`${daemon.url}/api/events`);
    const reader = events.body!.getReader();
    await daemon.idle();
    daemon.enqueue("drift", "manual");
    let received = "";
    // The start-up apply's own events may arrive first: read on to the end of the drift run.
    while (!/event: run\ndata: [^\n]*"kind":"drift"/.test(received)) received += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    await daemon.idle();
    expect(daemon.history.listRuns().map((run) => [run.kind, run.result, run.triggers])).toEqual([["drift", "success", ["manual"]], ["apply", "success", ["startup"]]]);
    expect(received).toMatch(/event: run-started\ndata: \{"id":\d+,"kind":"drift"/);
    const metrics = await (await fetch(`${daemon.url}/metrics`)).text();
    expect(metrics).toContain('cfgitops_runs_total{stack="default",kind="apply",result="success"} 1');
    expect(metrics).toContain('cfgitops_runs_total{stack="default",kind="drift",result="success"} 1');
    expect(await readFile(join(dir, "data", "public", "index.html"), "utf8")).toContain(`#${runs.jobs.at(-1)!.runId}`);
  });

  it("exports 0 drift for every managed zone and registered kind, and 0 violations for every evaluated policy", async () => {
    const [first, second] = kinds.map((kind) => kind.id);
    const policy = {
      results: [
        { id: "ttl-range", description: "", level: "advisory" as const, status: "passed" as const, violations: 0, exempted: 0, origin: "builtin" },
        { id: "no-mass-delete", description: "", level: "mandatory" as const, status: "passed" as const, violations: 0, exempted: 0, origin: "builtin" },
      ],
      violations: [], exempted: [], diagnostics: [], blocked: false,
    };
    daemon = await start(fakeRuns(() => ({ managed: [{ zone: "example.com", kind: first!, count: 2 }, { zone: "example.net", kind: second!, count: 1 }], policy })));
    await daemon.idle();
    const metrics = await (await fetch(`${daemon.url}/metrics`)).text();
    const drift = metrics.split("\n").filter((line) => line.startsWith("cfgitops_drifted_resources{"));
    expect(drift).toHaveLength(2 * kinds.length);
    expect(drift.every((line) => line.endsWith(" 0"))).toBe(true);
    for (const kind of kinds) expect(metrics).toContain(`cfgitops_drifted_resources{stack="default",zone="example.net",kind="${kind.id}"} 0`);
    expect(metrics).toContain('cfgitops_policy_violations{stack="default",policy="ttl-range",level="advisory"} 0');
    expect(metrics).toContain('cfgitops_policy_violations{stack="default",policy="no-mass-delete",level="mandatory"} 0');
  });

  it("guards the page and read API with CFGITOPS_READ_TOKEN, and shows the inventory the apply recorded", async () => {
    const readToken = "read-token-for-the-daemon-test-0123456789";
    const [kind] = kinds.map((entry) => entry.id);
    daemon = await start(fakeRuns(() => ({ managed: [{ zone: "example.com", kind: kind!, count: 7 }] })), { env: { CFGITOPS_READ_TOKEN: readToken } });
    await daemon.idle();
    expect((await fetch(`${daemon.url}/`)).status).toBe(401);
    expect((await fetch(`${daemon.url}/api/drift`)).status).toBe(401);
    expect((await fetch(`${daemon.url}/metrics`)).status).toBe(200);
    expect((await fetch(`${daemon.url}/healthz`)).status).toBe(200);
    const page = await fetch(`${daemon.url}/`, { headers: { authorization: `Basic ${Buffer.from(`me:${readToken}`).toString("base64")}` } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(new RegExp(`<tr data-zone="example\\.com">[\\s\\S]*?<li data-kind="${kind!}"><span class="kind">${kind!}</span> <strong>7</strong>`));
  });

  it("refuses to start with CFGITOPS_PROTECT_METRICS but no read token, creating nothing", async () => {
    await expect(start(fakeRuns(), { env: { CFGITOPS_PROTECT_METRICS: "1" } })).rejects.toThrow(/CFGITOPS_PROTECT_METRICS is set but CFGITOPS_READ_TOKEN is not/);
    await expect(readFile(join(dir, "data", "history.sqlite"))).rejects.toThrow(/ENOENT/);
  });

  it("applies one commit once, though the branch is polled while the start-up apply runs", async () => {
    const runs = fakeRuns(() => ({}), 800);
    const head = (await upstream.git.revparse(["HEAD"])).trim();
    daemon = await start(runs, { pollSeconds: 0.1 });
    await daemon.idle();
    await new Promise((resolve) => setTimeout(resolve, 500)); // more polls, branch unchanged
    await daemon.idle();
    expect(runs.jobs.map((job) => `${job.request.triggers.join(",")}:${job.commit.sha}`)).toEqual([`startup:${head}`]);
    // A new commit is applied once too, though polls keep seeing it while its run is going.
    const zoneFile = "desired-state/zones/example.net.yaml";
    const sha = await upstream.commit({ [zoneFile]: `${await upstream.read(zoneFile)}\n` }, "change");
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await daemon.idle();
    expect(runs.jobs.map((job) => `${job.request.triggers.join(",")}:${job.request.commit ?? ""}`)).toEqual([`startup:${head}`, `poll:${sha}`]);
    expect(daemon.history.listRuns({ kind: "apply" })).toHaveLength(2);
    // A commit that touches none of the stack's files runs nothing.
    await upstream.commit({ "README.md": "notes\n" }, "docs");
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await daemon.idle();
    expect(runs.jobs).toHaveLength(2);
  });

  it("reverts drift with drift_remediation: apply, and only reports it otherwise", async () => {
    const change: Change = { kind: "dns-record", id: "example.net/dns/status/A/198.51.100.41", zone: "example.net", op: "update", fields: ["proxied"] };
    const remediate = { ...stack, drift_remediation: "apply" as const };
    let config = stack;
    const runs = fakeRuns((job) => (job.request.kind === "drift" ? { drift: [change], stackConfig: config } : { stackConfig: config }));
    daemon = await start(runs);
    await daemon.idle();
    daemon.enqueue("drift", "manual");
    await daemon.idle();
    expect(runs.jobs.map((job) => job.request.kind)).toEqual(["apply", "drift"]);
    config = remediate;
    daemon.enqueue("apply", "manual"); // brings the new setting
    await daemon.idle();
    daemon.enqueue("drift", "schedule");
    await daemon.idle();
    expect(runs.jobs.map((job) => `${job.request.kind}:${job.request.triggers.join(",")}`)).toEqual(["apply:startup", "drift:manual", "apply:manual", "drift:schedule", "apply:schedule"]);
  });
});
