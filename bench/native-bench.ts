// The native engine against the in-process emulator: apply (everything created) then a no-change
// drift, on 1 x 100, 10 x 1,000 and 1 x 10,000 records, on a 10,000-item redirect list (Bulk
// Redirects), and on 10 zones with every registered kind (DNS, settings, every ruleset phase, a
// Workers route, a tunnel service) plus 3 account lists and a redirect list. `naiveRequests` is what
// a one-call-per-record strategy would need on the same plan: one read per resource on refresh,
// plus one write per change.
// Run alone: node bench/native-bench.ts
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startEmulator } from "../src/emulator/index.ts";
import { createNativeEngine } from "../src/engines/native/index.ts";
import { silentLogger } from "../src/shared/logger.ts";
import { kinds } from "../src/kinds/registry.ts";
import { allKindsDesired, allKindsStack, benchTunnel, redirectList } from "./all-kinds-workload.ts";
import { benchDesired, benchStack, zoneName } from "./native-workload.ts";
import { peakRssMb, printTable } from "./table.ts";

export interface NativeBenchRow {
  workload: string;
  requests: number;
  seconds: number;
  /** This workload's process, emulator included. */
  peakRssMb: number;
  naiveRequests: number;
  /** Of `requests`: audit-log reads (drift attribution; one per account and drift when nothing changed). */
  auditLogRequests: number;
}

/** Audit-log requests (v2 and v1) served since request number `from`. */
function auditRequests(emulator: Awaited<ReturnType<typeof startEmulator>>, from: number): number {
  return emulator.stats().requests.slice(from).filter((r) => /\/logs\/audit$|\/audit_logs$/.test(r.route)).length;
}

const sizes: [zones: number, records: number][] = [
  [1, 100],
  [10, 1000],
  [1, 10000],
];

/** Resources a per-resource refresh reads: every managed DNS record and setting. */
function resourceCount(desired: ReturnType<typeof benchDesired>): number {
  return desired.zones.reduce((sum, zone) => sum + (zone.dns?.length ?? 0) + Object.keys(zone.settings?.values ?? {}).length + (zone.firewall?.length ?? 0), 0);
}

async function runSize(zones: number, records: number): Promise<NativeBenchRow[]> {
  const emulator = await startEmulator({ zones: Array.from({ length: zones }, (_, i) => zoneName(i)) });
  try {
    const engine = createNativeEngine({ apiToken: "bench", baseUrl: emulator.baseUrl, log: silentLogger() });
    const desired = benchDesired(zones, records);
    const options = { stack: benchStack(), log: silentLogger() };
    const label = `${zones} x ${records.toLocaleString("en")}`;
    const resources = resourceCount(desired);

    let started = performance.now();
    const applied = await engine.apply(desired, options);
    if (applied.status !== "applied") throw new Error(`bench apply failed: ${applied.error ?? applied.status}`);
    const applyRow: NativeBenchRow = {
      workload: `apply ${label} (all new)`,
      requests: emulator.stats().total,
      seconds: (performance.now() - started) / 1000,
      peakRssMb: peakRssMb(),
      naiveRequests: resources + applied.outcomes.length,
      auditLogRequests: auditRequests(emulator, 0),
    };

    const before = emulator.stats().total;
    const logged = emulator.stats().requests.length;
    started = performance.now();
    // as the daemon does: the audit log is read from the end of the previous apply
    const drift = await engine.drift(desired, { ...options, attributionSince: new Date() });
    if (drift.changes.length !== 0) throw new Error(`bench drift found ${drift.changes.length} changes after apply`);
    const driftRow: NativeBenchRow = {
      workload: `drift ${label} (no change)`,
      requests: emulator.stats().total - before,
      seconds: (performance.now() - started) / 1000,
      peakRssMb: peakRssMb(),
      naiveRequests: resources,
      auditLogRequests: auditRequests(emulator, logged),
    };
    return [applyRow, driftRow];
  } finally {
    await emulator.close();
  }
}

/** 10 zones with every kind and 3 lists: what a no-change drift costs (the budget the tests assert). */
async function runAllKinds(): Promise<NativeBenchRow[]> {
  const zones = 10;
  const lists = 3;
  const emulator = await startEmulator({ zones: Array.from({ length: zones }, (_, i) => zoneName(i)) });
  try {
    const headers = { authorization: "Bearer bench", "content-type": "application/json" };
    await fetch(`${emulator.baseUrl}/accounts/${emulator.accountId}/cfd_tunnel`, { method: "POST", headers, body: JSON.stringify({ name: benchTunnel, config_src: "cloudflare" }) });
    const engine = createNativeEngine({ apiToken: "bench", baseUrl: emulator.baseUrl, log: silentLogger() });
    const desired = allKindsDesired(zones, 100, lists);
    const options = { stack: allKindsStack(), log: silentLogger() };
    const applied = await engine.apply(desired, options);
    if (applied.status !== "applied") throw new Error(`bench apply failed: ${applied.error ?? applied.status}`);
    const before = emulator.stats().total;
    const logged = emulator.stats().requests.length;
    const started = performance.now();
    // as the daemon does: the audit log is read from the end of the previous apply
    const drift = await engine.drift(desired, { ...options, attributionSince: new Date() });
    if (drift.changes.length !== 0) throw new Error(`bench drift found ${drift.changes.length} changes after apply`);
    // a per-resource refresh: each record and setting, each zone's other kinds (a phase ruleset, the
    // Workers routes), each list and the bulk redirect rules, and the tunnel's configuration
    const zoneKinds = kinds.filter((kind) => kind.placement.scope === "zone").length;
    const resources = desired.zones.reduce((sum, zone) => sum + (zone.dns?.length ?? 0) + Object.keys(zone.settings?.values ?? {}).length + zoneKinds - 2, 0) + lists + 2 + 1;
    const budget = zones * zoneKinds + 1 + (lists + 1) + 1;
    return [{
      workload: `drift ${zones} zones x every kind (${kinds.length}) + ${lists} lists + a redirect list (no change; budget ${budget} + 3 zone/tunnel reads + 1 audit log)`,
      requests: emulator.stats().total - before,
      seconds: (performance.now() - started) / 1000,
      peakRssMb: peakRssMb(),
      naiveRequests: resources,
      auditLogRequests: auditRequests(emulator, logged),
    }];
  } finally {
    await emulator.close();
  }
}

/** A 10,000-item redirect list turned on (Bulk Redirects): apply, then a no-change drift. */
async function runRedirects(): Promise<NativeBenchRow[]> {
  const items = 10_000;
  const emulator = await startEmulator({ zones: [] });
  try {
    const engine = createNativeEngine({ apiToken: "bench", baseUrl: emulator.baseUrl, accountId: emulator.accountId, log: silentLogger() });
    const desired = { dir: "desired-state", zones: [], services: [], lists: [redirectList(items)] };
    const options = { stack: benchStack(), log: silentLogger() };
    let started = performance.now();
    const applied = await engine.apply(desired, options);
    if (applied.status !== "applied") throw new Error(`bench apply failed: ${applied.error ?? applied.status}`);
    const label = `${items.toLocaleString("en")}-item redirect list`;
    const applyRow: NativeBenchRow = {
      workload: `apply ${label} (list, items in one bulk PUT, its rule)`,
      requests: emulator.stats().total,
      seconds: (performance.now() - started) / 1000,
      peakRssMb: peakRssMb(),
      naiveRequests: items + 2, // one item create each, the list, the rule
      auditLogRequests: 0,
    };
    const before = emulator.stats().total;
    const logged = emulator.stats().requests.length;
    started = performance.now();
    const drift = await engine.drift(desired, { ...options, attributionSince: new Date() });
    if (drift.changes.length !== 0) throw new Error(`bench drift found ${drift.changes.length} changes after apply`);
    return [applyRow, {
      workload: `drift ${label} (no change)`,
      requests: emulator.stats().total - before,
      seconds: (performance.now() - started) / 1000,
      peakRssMb: peakRssMb(),
      naiveRequests: items + 2,
      auditLogRequests: auditRequests(emulator, logged),
    }];
  } finally {
    await emulator.close();
  }
}

/**
 * Each size runs in its own process, so peak RSS is per workload (it includes the in-process
 * emulator holding the account, and the apply that precedes each drift).
 */
export async function runNativeBench(): Promise<NativeBenchRow[]> {
  const rows: NativeBenchRow[] = [];
  for (const [zones, records] of sizes) {
    const { stdout } = await promisify(execFile)(process.execPath, [fileURLToPath(import.meta.url), "--child", String(zones), String(records)], { maxBuffer: 1 << 20 });
    rows.push(...(JSON.parse(stdout) as NativeBenchRow[]));
  }
  for (const mode of ["--redirects", "--all-kinds"]) {
    const { stdout } = await promisify(execFile)(process.execPath, [fileURLToPath(import.meta.url), mode], { maxBuffer: 1 << 20 });
    rows.push(...(JSON.parse(stdout) as NativeBenchRow[]));
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const child = process.argv.indexOf("--child");
  if (process.argv.includes("--all-kinds")) process.stdout.write(JSON.stringify(await runAllKinds()));
  else if (process.argv.includes("--redirects")) process.stdout.write(JSON.stringify(await runRedirects()));
  else if (child > 0) process.stdout.write(JSON.stringify(await runSize(Number(process.argv[child + 1]), Number(process.argv[child + 2]))));
  else printTable(await runNativeBench());
}
