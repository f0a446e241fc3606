// Daemon figures (issues 6 and 10): idle RSS after the first apply of the example, webhook ->
// applied latency for one record change (each run in its own child process, running dist/), and
// /metrics and /api/status latency under 50 requests/s.
import Cloudflare from "cloudflare";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator } from "../src/emulator/index.ts";
import { createUpstream, sendPush, startDaemonProcess, waitFor } from "../test/support/daemon-process.ts";
import { assertFreshBuild } from "./startup-bench.ts";

const secret = "bench-secret";

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

export async function runDaemonBench(): Promise<Array<Record<string, unknown>>> {
  assertFreshBuild(); // the daemon and its runs execute dist/
  const dir = await mkdtemp(join(tmpdir(), "cfg-daemon-bench-"));
  const emulator = await startEmulator({ zones: ["example.com", "example.net"] });
  const cf = new Cloudflare({ apiToken: "bench", baseURL: emulator.baseUrl, maxRetries: 0 });
  await cf.zeroTrust.tunnels.cloudflared.create({ account_id: emulator.accountId, name: "home-pi", config_src: "cloudflare" });
  const upstream = await createUpstream(dir);
  const daemon = await startDaemonProcess({
    repo: upstream.bare,
    dataDir: join(dir, "data"),
    env: { CLOUDFLARE_BASE_URL: emulator.baseUrl, CLOUDFLARE_API_TOKEN: "bench", CFGITOPS_WEBHOOK_SECRET: secret, CFGITOPS_LOG_LEVEL: "warn" },
  });
  const rows: Array<Record<string, unknown>> = [];
  try {
    const zoneId = (await cf.zones.list({ name: "example.net" })).result[0]!.id;
    const applied = async () => ((await cf.dns.records.list({ zone_id: zoneId, name: { exact: "status.example.net" }, type: "A" })).result[0]?.proxied ? true : undefined);
    await waitFor(applied, 30_000, "the first apply");
    await new Promise((resolve) => setTimeout(resolve, 3000));
    rows.push({ measure: "idle RSS after first apply", value: await residentMb(daemon.url), unit: "MB", target: "< 120" });

    const zoneFile = "desired-state/zones/example.net.yaml";
    const original = await upstream.read(zoneFile);
    const latencies: number[] = [];
    for (let i = 1; i <= 5; i++) {
      const ttl = 600 + i * 60;
      const sha = await upstream.commit({ [zoneFile]: original.replace("ttl: 3600", `ttl: ${ttl}`) }, `ttl ${ttl}`);
      const t0 = performance.now();
      await sendPush(daemon.url, secret, { ref: "refs/heads/main", after: sha });
      await waitFor(async () => ((await cf.dns.records.list({ zone_id: zoneId, name: { exact: "mx2.example.net" }, type: "A" })).result[0]?.ttl === ttl ? true : undefined), 30_000, "the change");
      latencies.push(performance.now() - t0);
    }
    latencies.sort((a, b) => a - b);
    rows.push({ measure: "webhook -> applied, one record (median of 5)", value: Math.round(percentile(latencies, 50)), unit: "ms", target: "<= 1000" });
    rows.push({ measure: "webhook -> applied, fastest of 5", value: Math.round(latencies[0]!), unit: "ms", target: "" });

    for (const path of ["/metrics", "/api/status"]) {
      const sorted = await loadTest(`${daemon.url}${path}`, 50, 6);
      rows.push({ measure: `${path} p50 at 50 req/s`, value: Math.round(percentile(sorted, 50) * 10) / 10, unit: "ms", target: "" });
      rows.push({ measure: `${path} p99 at 50 req/s`, value: Math.round(percentile(sorted, 99) * 10) / 10, unit: "ms", target: "< 100" });
    }
    rows.push({ measure: "RSS after the load", value: await residentMb(daemon.url), unit: "MB", target: "" });
  } finally {
    await daemon.stop();
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}

if (import.meta.main) {
  const { printTable } = await import("./table.ts");
  printTable(await runDaemonBench());
}
