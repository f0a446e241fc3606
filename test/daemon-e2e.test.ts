// Issue 6 acceptance, end to end: a temporary bare git repository, the emulator, and a real daemon
// process on random ports. Each scenario checks what the user would check: the SDK's view of the
// account, the HTTP surface, and the history.
import Cloudflare from "cloudflare";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { startEmulator, type RunningEmulator } from "../src/emulator/index.ts";
import { metricCatalogue } from "../src/status/metrics.ts";
import { createUpstream, sendPush, startDaemonProcess, waitFor, type DaemonProcess, type Upstream } from "./support/daemon-process.ts";

const secret = "webhook-secret-for-tests";
const adminToken = "admin-token-for-tests";
let dir: string;
let emulator: RunningEmulator;
let cf: Cloudflare;
let upstream: Upstream;
let daemon: DaemonProcess;
let env: Record<string, string>;

interface RunRow {
  id: number;
  kind: string;
  result: string;
  triggers: string[];
  commit?: string;
  error?: string;
  diagnostics: Array<{ file: string; line: number; code: string }>;
}

async function runs(url = daemon.url): Promise<RunRow[]> {
  const response = await fetch(`${url}/api/runs?limit=100`);
  return ((await response.json()) as { runs: RunRow[] }).runs;
}

async function waitForRun(predicate: (run: RunRow) => boolean, what: string, timeoutMs = 15_000, url?: string): Promise<RunRow> {
  return waitFor(async () => (await runs(url)).find((run) => run.result !== "running" && predicate(run)), timeoutMs, what);
}

async function zoneId(name: string): Promise<string> {
  const page = await cf.zones.list({ name });
  return page.result[0]!.id;
}

async function findRecord(zone: string, name: string, type: "A" | "CNAME") {
  const page = await cf.dns.records.list({ zone_id: await zoneId(zone), name: { exact: name }, type });
  return page.result[0];
}

function reconcile(kind: "apply" | "drift", token = adminToken): Promise<Response> {
  return fetch(`${daemon.url}/api/reconcile`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ kind }) });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cfg-daemon-e2e-"));
  emulator = await startEmulator({ zones: ["example.com", "example.net"] });
  cf = new Cloudflare({ apiToken: "e2e", baseURL: emulator.baseUrl, maxRetries: 0 });
  await cf.zeroTrust.tunnels.cloudflared.create({ account_id: emulator.accountId, name: "home-pi", config_src: "cloudflare" });
  upstream = await createUpstream(dir);
  env = { CLOUDFLARE_BASE_URL: emulator.baseUrl, CLOUDFLARE_API_TOKEN: "e2e", CFGITOPS_WEBHOOK_SECRET: secret, CFGITOPS_ADMIN_TOKEN: adminToken };
  daemon = await startDaemonProcess({ repo: upstream.bare, dataDir: join(dir, "data"), env });
  await waitForRun((run) => run.kind === "apply", "the start-up apply", 20_000);
}, 60_000);

afterAll(async () => {
  await daemon?.stop();
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("daemon end to end", () => {
  it("applied the shipped example at start-up", async () => {
    const [first] = (await runs()).filter((run) => run.kind === "apply");
    expect(first?.result).toBe("success");
    expect(await findRecord("example.net", "status.example.net", "A")).toMatchObject({ content: "198.51.100.41", proxied: true });
  });

  it("publishes every DESIGN §6 metric, with its type, after the first run", async () => {
    const families = parsePrometheusTextFormat(await (await fetch(`${daemon.url}/metrics`)).text());
    const byName = new Map(families.map((family) => [family.name, family]));
    for (const metric of metricCatalogue) expect(byName.get(metric.name)?.type, metric.name).toBe(metric.type.toUpperCase());
    expect(byName.get("cfgitops_runs_total")?.metrics).toContainEqual({ labels: { stack: "default", kind: "apply", result: "success" }, value: "1" });
    expect(byName.has("process_resident_memory_bytes")).toBe(true);
  });

  // How fast is the bench's job (webhook -> applied, `npm run bench -- daemon`); here, that the webhook is what triggers it.
  it("applies a pushed commit on a signed webhook", async () => {
    const zoneFile = "desired-state/zones/example.net.yaml";
    const text = await upstream.read(zoneFile);
    const added = text.replace(/(\n {2}- \{ name: status,[^\n]*)/, "$1\n  - { name: e2e-added, type: A, content: 203.0.113.99, proxied: true }");
    const sha = await upstream.commit({ [zoneFile]: added }, "add e2e-added");
    const response = await sendPush(daemon.url, secret, { ref: "refs/heads/main", after: sha });
    expect(response.status).toBeLessThan(300);
    const record = await waitFor(() => findRecord("example.net", "e2e-added.example.net", "A"), 30_000, "the pushed record in Cloudflare");
    expect(record).toMatchObject({ content: "203.0.113.99", proxied: true });
    const run = await waitForRun((r) => r.commit === sha, "the webhook run");
    expect(run).toMatchObject({ kind: "apply", result: "success", triggers: ["webhook"] });
  }, 60_000);

  it("refuses a webhook with a bad signature with 401 and triggers nothing", async () => {
    const before = (await runs()).length;
    const response = await sendPush(daemon.url, secret, { ref: "refs/heads/main", after: "f".repeat(40) }, `sha256=${"0".repeat(64)}`);
    expect(response.status).toBe(401);
    const unsigned = await fetch(`${daemon.url}/webhooks/github`, { method: "POST", headers: { "x-github-event": "push" }, body: "{}" });
    expect(unsigned.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await runs()).length).toBe(before);
  });

  it("reports a hand edit as drift in /metrics, /api/drift and on the page", async () => {
    const record = (await findRecord("example.net", "status.example.net", "A"))!;
    await cf.dns.records.edit(record.id, { zone_id: await zoneId("example.net"), type: "A", name: "status.example.net", content: "198.51.100.41", proxied: false, ttl: 300 });
    const unauthorised = await reconcile("drift", "wrong-token");
    expect(unauthorised.status).toBe(401);
    expect((await reconcile("drift")).status).toBe(202);
    const run = await waitForRun((r) => r.kind === "drift" && r.triggers.includes("manual"), "the manual drift run");
    expect(run.result).toBe("success");

    const metrics = await (await fetch(`${daemon.url}/metrics`)).text();
    const drifted = /cfgitops_drifted_resources\{stack="default",zone="example.net",kind="dns-record"\} (\d+)/.exec(metrics);
    expect(Number(drifted?.[1])).toBeGreaterThan(0);
    // Every Cloudflare call the engine makes is counted, by route template.
    const listed = /cfgitops_cloudflare_requests_total\{method="GET",route="\/zones\/\{id\}\/dns_records",status="200"\} (\d+)/.exec(metrics);
    expect(Number(listed?.[1])).toBeGreaterThan(0);

    const drift = (await (await fetch(`${daemon.url}/api/drift`)).json()) as { stacks?: unknown } & Record<string, unknown>;
    const text = JSON.stringify(drift);
    expect(text).toContain("example.net/dns/status/A");
    expect(text).toContain("proxied");

    const page = await (await fetch(`${daemon.url}/`)).text();
    expect(page).toContain("example.net/dns/status/A");
  });

  it("reverts drift when the stack sets drift_remediation: apply", async () => {
    const stackFile = "stacks/default.yaml";
    const sha = await upstream.commit({ [stackFile]: (await upstream.read(stackFile)).replace("drift_remediation: report", "drift_remediation: apply") }, "remediate drift");
    await sendPush(daemon.url, secret, { ref: "refs/heads/main", after: sha });
    await waitForRun((r) => r.commit === sha && r.kind === "apply", "the apply of the remediation commit");
    const record = await findRecord("example.net", "status.example.net", "A");
    expect(record?.proxied).toBe(true);

    await cf.dns.records.edit(record!.id, { zone_id: await zoneId("example.net"), type: "A", name: "status.example.net", content: "198.51.100.41", proxied: false, ttl: 600 });
    const before = (await runs()).length;
    await reconcile("drift");
    await waitFor(async () => ((await findRecord("example.net", "status.example.net", "A"))?.proxied ? true : undefined), 10_000, "drift to be reverted");
    const after = await runs();
    expect(after.length).toBeGreaterThanOrEqual(before + 2);
    expect(after.some((r) => r.kind === "drift" && r.result === "success")).toBe(true);
  });

  it("records a commit with invalid YAML as failed with its diagnostics and writes nothing", async () => {
    const writesBefore = emulator.stats().writes;
    const zoneFile = "desired-state/zones/example.net.yaml";
    const broken = `${await upstream.read(zoneFile)}\n  - { name: broken, type: A, content: [unterminated\n`;
    const sha = await upstream.commit({ [zoneFile]: broken }, "broken yaml");
    await sendPush(daemon.url, secret, { ref: "refs/heads/main", after: sha });
    const run = await waitForRun((r) => r.commit === sha, "the run of the broken commit");
    expect(run.result).toBe("failure");
    expect(run.error).toContain("invalid desired state");
    expect(run.diagnostics.length).toBeGreaterThan(0);
    expect(run.diagnostics[0]).toMatchObject({ file: zoneFile });
    expect(emulator.stats().writes).toBe(writesBefore);
    // The daemon is not wedged: fixing the commit applies again.
    const fixed = await upstream.commit({ [zoneFile]: broken.replace(/\n {2}- \{ name: broken[^\n]*\n$/, "\n") }, "fix yaml");
    await sendPush(daemon.url, secret, { ref: "refs/heads/main", after: fixed });
    expect((await waitForRun((r) => r.commit === fixed, "the run of the fixed commit")).result).toBe("success");
  });

  it("survives kill -9 during an apply: the run is interrupted, the next converges, no history lost", async () => {
    const historyBefore = (await runs()).length;
    emulator.setFaults({ latencyMs: 400 });
    const zoneFile = "desired-state/zones/example.net.yaml";
    const text = await upstream.read(zoneFile);
    const sha = await upstream.commit({ [zoneFile]: text.replace(/(\n {2}- \{ name: status,[^\n]*)/, "$1\n  - { name: after-crash, type: A, content: 203.0.113.77, proxied: true }") }, "add after-crash");
    const requestsBefore = emulator.stats().total;
    await sendPush(daemon.url, secret, { ref: "refs/heads/main", after: sha });
    await waitFor(async () => ((await runs()).some((r) => r.result === "running" && r.commit === sha) && emulator.stats().total > requestsBefore ? true : undefined), 10_000, "the apply to reach Cloudflare");
    await daemon.stop("SIGKILL");
    emulator.setFaults({ latencyMs: 0 });

    daemon = await startDaemonProcess({ repo: upstream.bare, dataDir: join(dir, "data"), env });
    const recovered = await waitForRun((r) => r.triggers.includes("recovery"), "the recovery run", 20_000);
    expect(recovered.result).toBe("success");
    const all = await runs();
    const killed = all.find((r) => r.commit === sha && r.triggers.includes("webhook"));
    expect(killed?.result).toBe("interrupted");
    expect(all.length).toBeGreaterThanOrEqual(historyBefore + 2);
    expect(await findRecord("example.net", "after-crash.example.net", "A")).toMatchObject({ content: "203.0.113.77" });
  });

  it("on SIGTERM during an apply lets the run end cleanly and exits 0", async () => {
    emulator.setFaults({ latencyMs: 300 });
    const zoneFile = "desired-state/zones/example.net.yaml";
    const text = await upstream.read(zoneFile);
    const sha = await upstream.commit({ [zoneFile]: text.replace(/(\n {2}- \{ name: status,[^\n]*)/, "$1\n  - { name: before-term, type: A, content: 203.0.113.78, proxied: true }") }, "add before-term");
    const requestsBefore = emulator.stats().total;
    await sendPush(daemon.url, secret, { ref: "refs/heads/main", after: sha });
    await waitFor(async () => ((await runs()).some((r) => r.result === "running" && r.commit === sha) && emulator.stats().total > requestsBefore ? true : undefined), 10_000, "the apply to reach Cloudflare");
    const url = daemon.url;
    expect(await daemon.stop("SIGTERM")).toBe(0);
    emulator.setFaults({ latencyMs: 0 });
    daemon = await startDaemonProcess({ repo: upstream.bare, dataDir: join(dir, "data"), env });
    const run = (await runs()).find((r) => r.commit === sha && r.triggers.includes("webhook"));
    expect(["success", "interrupted"]).toContain(run?.result);
    expect(url).not.toBe("");
  });
});

