// Daemon figures (issues 6, 10 and 16), for one daemon running three stacks (each run in its own
// child process, running dist/): idle RSS after the first apply of every stack; webhook -> applied
// for one stack while another stack's run is going (runs of different stacks overlap: concurrency
// 2); and /metrics and /api/status latency under 50 requests/s. The "work" stack lives in a second
// emulator account (its own token) whose API answers slowly, so its runs take seconds.
import Cloudflare from "cloudflare";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator } from "../src/emulator/index.ts";
import { createUpstream, sendPush, startDaemonProcess, waitFor, type DaemonProcess } from "../test/support/daemon-process.ts";
import { startTokenRouter } from "../test/support/token-router.ts";
import { assertFreshBuild } from "./startup-bench.ts";

const secret = "bench-secret";
const adminToken = "bench-admin";
const stack = (include: string[], extra = "") => `engine: native\ndesired_state:\n  dir: desired-state\n  include: ${JSON.stringify(include)}\n${extra}`;
const stacks = {
  home: stack(["zones/example.com.yaml", "services/*.yaml", "lists/*.yaml", "access/groups/*.yaml"], "tunnels:\n  home-pi: {}\n"),
  work: stack(["zones/example.net.yaml"], "api_token_env: CLOUDFLARE_API_TOKEN_WORK\n"),
  lab: stack(["zones/lab.example.yaml"], "api_token_env: CLOUDFLARE_API_TOKEN_LAB\n"),
};
const labZone = "zone: lab.example\ndns:\n  - { name: \"@\", type: A, content: 198.51.100.80 }\n  - { name: www, type: CNAME, content: lab.example }\n";

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function residentMb(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const bytes = Number(/^process_resident_memory_bytes (\S+)$/m.exec(text)?.[1]);
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}

/** Fires `rate` requests per second at the URL for `seconds`, returning sorted latencies in ms. */
async function loadTest(url: string, rate: number, seconds: number): Promise<number[]> {
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  const interval = 1000 / rate;
  const start = performance.now();
  for (let i = 0; i < rate * seconds; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(
      (async () => {
        const t0 = performance.now();
        const response = await fetch(url);
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
      })(),
    );
  }
  await Promise.all(pending);
  return latencies.sort((a, b) => a - b);
}

interface RunRow { stack: string; result: string }

async function stackRunning(daemon: DaemonProcess, name: string): Promise<boolean> {
  const { runs } = (await (await fetch(`${daemon.url}/api/runs?stack=${name}&limit=5`)).json()) as { runs: RunRow[] };
  return runs.some((run) => run.result === "running");
}

export async function runDaemonBench(): Promise<Array<Record<string, unknown>>> {
  assertFreshBuild(); // the daemon and its runs execute dist/
  const dir = await mkdtemp(join(tmpdir(), "cfg-daemon-bench-"));
  const personal = await startEmulator({ tokens: ["home-token", "lab-token"], zones: ["example.com", "lab.example"] });
  const office = await startEmulator({ accountId: "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", tokens: ["work-token"], zones: ["example.net"] });
  const router = await startTokenRouter({ "home-token": personal.baseUrl, "lab-token": personal.baseUrl, "work-token": office.baseUrl });
  const cf = new Cloudflare({ apiToken: "home-token", baseURL: personal.baseUrl, maxRetries: 0 });
  await cf.zeroTrust.tunnels.cloudflared.create({ account_id: personal.accountId, name: "home-pi", config_src: "cloudflare" });
  const upstream = await createUpstream(dir, "", { stacks });
  await upstream.commit({ "desired-state/zones/lab.example.yaml": labZone }, "the lab zone");
  const daemon = await startDaemonProcess({
    repo: upstream.bare,
    dataDir: join(dir, "data"),
    args: ["--concurrency", "2"],
    env: {
      CLOUDFLARE_BASE_URL: router.baseUrl, CLOUDFLARE_API_TOKEN: "home-token", CLOUDFLARE_API_TOKEN_WORK: "work-token", CLOUDFLARE_API_TOKEN_LAB: "lab-token",
      CFGITOPS_WEBHOOK_SECRET: secret, CFGITOPS_ADMIN_TOKEN: adminToken, CFGITOPS_LOG_LEVEL: "warn",
    },
  });
  const rows: Array<Record<string, unknown>> = [];
  try {
    const recordTtl = async (zone: string, name: string) => {
      const zoneId = (await cf.zones.list({ name: zone })).result[0]!.id;
      return (await cf.dns.records.list({ zone_id: zoneId, name: { exact: name }, type: "A" })).result[0]?.ttl;
    };
    const office$ = new Cloudflare({ apiToken: "work-token", baseURL: office.baseUrl, maxRetries: 0 });
    const netId = async () => (await office$.zones.list({ name: "example.net" })).result[0]!.id;
    await waitFor(async () => ((await recordTtl("lab.example", "lab.example")) !== undefined ? true : undefined), 60_000, "the lab stack's first apply");
    await waitFor(async () => ((await office$.dns.records.list({ zone_id: await netId(), name: { exact: "status.example.net" } })).result[0] ? true : undefined), 60_000, "the work stack's first apply");
    await waitFor(async () => ((await recordTtl("example.com", "sip.example.com")) === 300 ? true : undefined), 60_000, "the home stack's first apply");
    await waitFor(async () => (!(await stackRunning(daemon, "home")) && !(await stackRunning(daemon, "work")) && !(await stackRunning(daemon, "lab")) ? true : undefined), 60_000, "every stack idle");
    await new Promise((resolve) => setTimeout(resolve, 3000));
    rows.push({ measure: "idle RSS, 3 stacks, after their first applies", value: await residentMb(daemon.url), unit: "MB", target: "< 130" });

    const zoneFile = "desired-state/zones/example.com.yaml";
    const original = await upstream.read(zoneFile);
    let ttl = 300;
    /** Pushes a new TTL for sip.example.com (the home stack) and returns the ms until Cloudflare has it. */
    async function pushTtl(): Promise<number> {
      ttl += 60;
      const sha = await upstream.commit({ [zoneFile]: original.replace("content: 198.51.100.30, ttl: 300", `content: 198.51.100.30, ttl: ${ttl}`) }, `sip ttl ${ttl}`);
      const t0 = performance.now();
      await sendPush(daemon.url, secret, { ref: "refs/heads/main", after: sha });
      const wanted = ttl;
      await waitFor(async () => ((await recordTtl("example.com", "sip.example.com")) === wanted ? true : undefined), 30_000, "the change");
      return performance.now() - t0;
    }

    const alone: number[] = [];
    for (let i = 1; i <= 5; i++) alone.push(await pushTtl());
    alone.sort((a, b) => a - b);
    rows.push({ measure: "webhook -> applied, home stack, nothing else running (median of 5)", value: Math.round(percentile(alone, 50)), unit: "ms", target: "<= 1000" });

    // The work account answers slowly from now on: each of its runs takes seconds.
    office.setFaults({ latencyMs: 400 });
    const latencies: number[] = [];
    let overlapped = 0;
    for (let i = 1; i <= 5; i++) {
      await fetch(`${daemon.url}/api/reconcile`, { method: "POST", headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" }, body: JSON.stringify({ kind: "drift", stack: "work" }) });
      await waitFor(async () => ((await stackRunning(daemon, "work")) ? true : undefined), 10_000, "the work stack's drift check to start");
      latencies.push(await pushTtl());
      if (await stackRunning(daemon, "work")) overlapped++;
      await waitFor(async () => (!(await stackRunning(daemon, "work")) ? true : undefined), 60_000, "the work stack's drift check to end");
    }
    office.setFaults({});
    latencies.sort((a, b) => a - b);
    rows.push({ measure: "webhook -> applied, home stack, while the work stack runs (median of 5)", value: Math.round(percentile(latencies, 50)), unit: "ms", target: "<= 5000" });
    rows.push({ measure: "... fastest of 5", value: Math.round(latencies[0]!), unit: "ms", target: "" });
    rows.push({ measure: "... applied while the work run was still going", value: overlapped, unit: "of 5", target: "" });

    for (const path of ["/metrics", "/api/status"]) {
      const sorted = await loadTest(`${daemon.url}${path}`, 50, 6);
      rows.push({ measure: `${path} p50 at 50 req/s`, value: Math.round(percentile(sorted, 50) * 10) / 10, unit: "ms", target: "" });
      rows.push({ measure: `${path} p99 at 50 req/s`, value: Math.round(percentile(sorted, 99) * 10) / 10, unit: "ms", target: "< 100" });
    }
    rows.push({ measure: "RSS after the load", value: await residentMb(daemon.url), unit: "MB", target: "" });
  } finally {
    await daemon.stop();
    await router.close();
    await personal.close();
    await office.close();
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}

if (import.meta.main) {
  const { printTable } = await import("./table.ts");
  printTable(await runDaemonBench());
}
