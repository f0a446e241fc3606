// Issue 16 acceptance, end to end: one real daemon process runs two stacks against two emulator
// accounts with different tokens (a router stands in for Cloudflare's one address: it sends each
// request to the account that owns its token). A commit that touches only one stack's files runs
// only that stack; a broken stack file fails its stack with diagnostics while the other applies; an
// unreachable account fails only its stack; the page, /metrics and the API show both stacks.
import Cloudflare from "cloudflare";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../src/emulator/index.ts";
import { createUpstream, sendPush, startDaemonProcess, waitFor, type DaemonProcess, type Upstream } from "./support/daemon-process.ts";
import { startTokenRouter, type TokenRouter } from "./support/token-router.ts";

const secret = "webhook-secret-for-tests";
const adminToken = "admin-token-for-tests";
const homeFile = `# the personal account: CLOUDFLARE_API_TOKEN
engine: native
desired_state:
  dir: desired-state
  include: ["zones/example.com.yaml", "services/*.yaml", "lists/*.yaml", "access/groups/*.yaml"]
tunnels:
  home-pi: {}
`;
const workFile = `# the work account: its own token, by the variable's name
engine: native
api_token_env: CLOUDFLARE_API_TOKEN_WORK
desired_state:
  dir: desired-state
  include: ["zones/example.net.yaml"]
`;

let dir: string;
let home: RunningEmulator;
let work: RunningEmulator;
let router: TokenRouter;
let upstream: Upstream;
let daemon: DaemonProcess;

interface RunRow { id: number; stack: string; kind: string; result: string; triggers: string[]; commit?: string; error?: string; diagnostics: Array<{ file: string; line: number; code: string; message: string }> }

async function runs(query = ""): Promise<RunRow[]> {
  return ((await (await fetch(`${daemon.url}/api/runs?limit=100${query}`)).json()) as { runs: RunRow[] }).runs;
}

function finished(stack: string, commit: string): Promise<RunRow> {
  return waitFor(async () => (await runs(`&stack=${stack}`)).find((run) => run.commit === commit && run.result !== "running"), 30_000, `the run of ${stack} at ${commit.slice(0, 7)}`);
}

function client(emulator: RunningEmulator, token: string): Cloudflare {
  return new Cloudflare({ apiToken: token, baseURL: emulator.baseUrl, maxRetries: 0 });
}

async function record(emulator: RunningEmulator, token: string, zone: string, name: string) {
  const cf = client(emulator, token);
  const zoneId = (await cf.zones.list({ name: zone })).result[0]?.id;
  if (!zoneId) return undefined;
  return (await cf.dns.records.list({ zone_id: zoneId, name: { exact: name } })).result[0];
}

function addRecord(text: string, line: string): string {
  return text.replace(/\ndns:\n/, `\ndns:\n  ${line}\n`);
}

async function push(files: Record<string, string>, message: string): Promise<string> {
  const sha = await upstream.commit(files, message);
  const response = await sendPush(daemon.url, secret, { ref: "refs/heads/main", after: sha });
  expect(response.status).toBe(202);
  return sha;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cfg-daemon-stacks-"));
  home = await startEmulator({ accountId: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", tokens: ["home-token"], zones: ["example.com"] });
  work = await startEmulator({ accountId: "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", tokens: ["work-token"], zones: ["example.net"] });
  await client(home, "home-token").zeroTrust.tunnels.cloudflared.create({ account_id: home.accountId, name: "home-pi", config_src: "cloudflare" });
  router = await startTokenRouter({ "home-token": home.baseUrl, "work-token": work.baseUrl });
  upstream = await createUpstream(dir, "", { stacks: { home: homeFile, work: workFile } });
  daemon = await startDaemonProcess({
    repo: upstream.bare, dataDir: join(dir, "data"),
    env: {
      CLOUDFLARE_BASE_URL: router.baseUrl, CLOUDFLARE_API_TOKEN: "home-token", CLOUDFLARE_API_TOKEN_WORK: "work-token",
      CFGITOPS_WEBHOOK_SECRET: secret, CFGITOPS_ADMIN_TOKEN: adminToken,
    },
  });
  const head = (await upstream.git.revparse(["HEAD"])).trim();
  await Promise.all([finished("home", head), finished("work", head)]);
}, 90_000);

afterAll(async () => {
  await daemon?.stop();
  await router?.close();
  await home?.close();
  await work?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("one daemon, two stacks, two accounts", () => {
  it("applied each stack to its own account with its own token at start-up", async () => {
    const [homeRun] = await runs("&stack=home");
    const [workRun] = await runs("&stack=work");
    expect([homeRun?.result, workRun?.result]).toEqual(["success", "success"]);
    expect(await record(home, "home-token", "example.com", "grafana.example.com")).toMatchObject({ type: "CNAME", proxied: true });
    expect(await record(work, "work-token", "example.net", "status.example.net")).toMatchObject({ content: "198.51.100.41", proxied: true });
    // Nothing crossed over: each account has only its own zone.
    expect((await client(home, "home-token").zones.list()).result.map((zone) => zone.name)).toEqual(["example.com"]);
    expect((await client(work, "work-token").zones.list()).result.map((zone) => zone.name)).toEqual(["example.net"]);
  });

  it("runs only the stack whose files a commit touches", async () => {
    const zoneFile = "desired-state/zones/example.com.yaml";
    const sha = await push({ [zoneFile]: addRecord(await upstream.read(zoneFile), "- { name: only-home, type: A, content: 203.0.113.61 }") }, "home only");
    expect((await finished("home", sha)).result).toBe("success");
    expect(await record(home, "home-token", "example.com", "only-home.example.com")).toMatchObject({ content: "203.0.113.61" });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // No run of the work stack at that commit (a late start-up run of its own, at the first commit, is not one).
    expect((await runs("&stack=work")).filter((run) => run.commit === sha)).toEqual([]);
  });

  it("fails a stack whose stack file is broken, with its diagnostics, while the other stack applies the same commit", async () => {
    const zoneFile = "desired-state/zones/example.com.yaml";
    const sha = await push({
      [zoneFile]: addRecord(await upstream.read(zoneFile), "- { name: despite-work, type: A, content: 203.0.113.62 }"),
      "stacks/work.yaml": workFile.replace("engine: native", "engine: native\nschedule: hourly"),
    }, "home record, and a typo in the work stack");
    const [homeRun, workRun] = await Promise.all([finished("home", sha), finished("work", sha)]);
    expect(homeRun.result).toBe("success");
    expect(await record(home, "home-token", "example.com", "despite-work.example.com")).toMatchObject({ content: "203.0.113.62" });
    expect(workRun.result).toBe("failure");
    expect(workRun.diagnostics[0]).toMatchObject({ file: "stacks/work.yaml", line: 3 });

    const page = await (await fetch(`${daemon.url}/`)).text();
    expect(page).toMatch(/<tr data-stack="work" data-state="failing">[\s\S]*?invalid desired state[\s\S]*?<\/tr>/);
    expect(page).toMatch(/<tr data-stack="home" data-state="in sync">/);
    expect(page).toContain('<section class="stack" id="stack-home"');
    expect(page).toContain('<section class="stack" id="stack-work"');
    const metrics = await (await fetch(`${daemon.url}/metrics`)).text();
    expect(metrics).toMatch(/cfgitops_runs_total\{stack="home",kind="apply",result="success"\} [1-9]/);
    expect(metrics).toContain('cfgitops_runs_total{stack="work",kind="apply",result="failure"} 1');
    expect(metrics).toContain('cfgitops_queue_depth{stack="work"} 0');

    const fixed = await push({ "stacks/work.yaml": workFile }, "fix the work stack");
    expect((await finished("work", fixed)).result).toBe("success");
  });

  it("keeps an unreachable account's failure inside its stack", async () => {
    work.setFaults({ failNext: [{ route: "*", status: 403, code: 9109, message: "Invalid access token", count: 1000 }] });
    try {
      const before = Math.max(0, ...(await runs()).map((run) => run.id));
      const response = await fetch(`${daemon.url}/api/reconcile`, { method: "POST", headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" }, body: JSON.stringify({ kind: "drift" }) });
      expect(await response.json()).toMatchObject({ queued: true, stacks: [{ stack: "home" }, { stack: "work" }] });
      const done = await waitFor(async () => {
        const fresh = (await runs()).filter((run) => run.id > before && run.result !== "running");
        return fresh.length === 2 ? fresh : undefined;
      }, 30_000, "both drift checks");
      expect(Object.fromEntries(done.map((run) => [run.stack, run.result]))).toEqual({ home: "success", work: "failure" });
      expect(done.find((run) => run.stack === "work")?.error).toContain("Invalid access token");
      const status = (await (await fetch(`${daemon.url}/api/status`)).json()) as { stacks: Array<{ name: string; health: { state: string } }> };
      expect(Object.fromEntries(status.stacks.map((stack) => [stack.name, stack.health.state]))).toEqual({ home: "in sync", work: "failing" });
    } finally {
      work.setFaults({});
    }
  });

  it("answers the API per stack: runs, drift and a manual run of one stack", async () => {
    expect(new Set((await runs("&stack=work")).map((run) => run.stack))).toEqual(new Set(["work"]));
    const drift = (await (await fetch(`${daemon.url}/api/drift?stack=home`)).json()) as { stacks: Array<{ stack: string; count: number }> };
    expect(drift.stacks).toEqual([expect.objectContaining({ stack: "home", count: 0 })]);
    const before = (await runs("&stack=home")).length;
    const response = await fetch(`${daemon.url}/api/reconcile`, { method: "POST", headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" }, body: JSON.stringify({ kind: "drift", stack: "work" }) });
    expect(response.status).toBe(202);
    await waitFor(async () => ((await runs("&stack=work")).some((run) => run.triggers.includes("manual") && run.kind === "drift" && run.result === "success") ? true : undefined), 30_000, "the work drift check");
    expect((await runs("&stack=home")).length).toBe(before);
    const unknown = await fetch(`${daemon.url}/api/reconcile`, { method: "POST", headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" }, body: JSON.stringify({ kind: "drift", stack: "nope" }) });
    expect(unknown.status).toBe(404);
  });
});
