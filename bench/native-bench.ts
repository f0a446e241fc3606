// The native engine against the in-process emulator: apply (everything created) then a no-change
// drift, on 1 x 100, 10 x 1,000 and 1 x 10,000 records. `naiveRequests` is what a one-call-per-record
// strategy would need on the same plan: one read per resource on refresh, plus one write per change.
// Run alone: node bench/native-bench.ts
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startEmulator } from "../src/emulator/index.ts";
import { createNativeEngine } from "../src/engines/native/index.ts";
import { silentLogger } from "../src/shared/logger.ts";
import { benchDesired, benchStack, zoneName } from "./native-workload.ts";
import { peakRssMb, printTable } from "./table.ts";

export interface NativeBenchRow {
  workload: string;
  requests: number;
  seconds: number;
  /** This workload's process, emulator included. */
  peakRssMb: number;
  naiveRequests: number;
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
    };

    const before = emulator.stats().total;
    started = performance.now();
    const drift = await engine.drift(desired, options);
    if (drift.changes.length !== 0) throw new Error(`bench drift found ${drift.changes.length} changes after apply`);
    const driftRow: NativeBenchRow = {
      workload: `drift ${label} (no change)`,
      requests: emulator.stats().total - before,
      seconds: (performance.now() - started) / 1000,
      peakRssMb: peakRssMb(),
      naiveRequests: resources,
    };
    return [applyRow, driftRow];
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
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const child = process.argv.indexOf("--child");
  if (child > 0) process.stdout.write(JSON.stringify(await runSize(Number(process.argv[child + 1]), Number(process.argv[child + 2]))));
  else printTable(await runNativeBench());
}
