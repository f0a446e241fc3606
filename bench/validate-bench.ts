// Validation benchmark: generates zone files in a temp dir and times loadDesiredState on them.
// Each workload runs in its own process so that its peak RSS is its own.
// Run alone: node bench/validate-bench.ts   (targets: 10k records < 1 s; 100k < 10 s and < 1 GB)
import { execFile } from "node:child_process";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { loadDesiredState } from "../src/desired-state/index.ts";

const workloads: Record<string, { zones: number; records: number }> = {
  "1 zone x 10,000 records": { zones: 1, records: 10_000 },
  "100 zones x 1,000 records": { zones: 100, records: 1_000 },
};

function record(i: number): string {
  switch (i % 5) {
    case 0:
      return `  - { name: host${i}, type: A, content: 198.51.100.${i % 250}, proxied: true }\n`;
    case 1:
      return `  - { name: host${i}, type: AAAA, content: "2001:db8::${(i % 65535).toString(16)}", proxied: true }\n`;
    case 2:
      return `  - name: alias${i}\n    type: CNAME\n    content: host${i - 2}.example.com\n    ttl: 300\n    comment: generated alias\n`;
    case 3:
      return `  - name: txt${i}\n    type: TXT\n    content: "v=spf1 ip4:203.0.113.${i % 250} -all"\n`;
    default:
      return `  - { name: mx${i}, type: MX, content: mail${i}.example.net, priority: ${i % 100} }\n`;
  }
}

async function generate(dir: string, zones: number, records: number): Promise<void> {
  await mkdir(join(dir, "zones"), { recursive: true });
  for (let z = 0; z < zones; z++) {
    const zone = `zone${z}.example`;
    const body = Array.from({ length: records }, (_, i) => record(i)).join("");
    await writeFile(join(dir, "zones", `${zone}.yaml`), `zone: ${zone}\nsettings: { ssl: strict, always_use_https: on }\ndns:\n${body}`);
  }
}

async function runWorkload(name: string): Promise<{ seconds: number; cpuSeconds: number; records: number; diagnostics: number }> {
  const spec = workloads[name]!;
  const root = await mkdtemp(join(tmpdir(), "cfgitops-validate-bench-"));
  try {
    await generate(join(root, "desired-state"), spec.zones, spec.records);
    const started = performance.now();
    const cpu = process.cpuUsage();
    const result = await loadDesiredState("desired-state", { root });
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    const records = result.state.zones.reduce((sum, zone) => sum + (zone.dns?.length ?? 0), 0);
    return { seconds, cpuSeconds, records, diagnostics: result.diagnostics.length };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** `seconds` is wall time; `cpuSeconds` (CPU time of the process) shows the cost on a busy machine. */
export async function runValidateBench(): Promise<Array<{ workload: string; seconds: number; cpuSeconds: number; peakRssMb: number }>> {
  const rows: Array<{ workload: string; seconds: number; cpuSeconds: number; peakRssMb: number }> = [];
  for (const name of Object.keys(workloads)) {
    const { stdout } = await promisify(execFile)(process.execPath, [fileURLToPath(import.meta.url), "--child", name], { maxBuffer: 1 << 20 });
    const result = JSON.parse(stdout) as { seconds: number; cpuSeconds: number; peakRssMb: number; records: number; diagnostics: number };
    if (result.diagnostics !== 0) throw new Error(`validate bench: ${result.diagnostics} unexpected diagnostics in "${name}"`);
    rows.push({ workload: name, seconds: Math.round(result.seconds * 1000) / 1000, cpuSeconds: Math.round(result.cpuSeconds * 1000) / 1000, peakRssMb: result.peakRssMb });
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const childIndex = process.argv.indexOf("--child");
  if (childIndex > 0) {
    const result = await runWorkload(process.argv[childIndex + 1]!);
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 102.4) / 10;
    process.stdout.write(JSON.stringify({ ...result, peakRssMb }));
  } else {
    for (const row of await runValidateBench()) process.stdout.write(`${row.workload.padEnd(28)} ${row.seconds.toFixed(3)} s wall  ${row.cpuSeconds.toFixed(3)} s CPU  peak RSS ${row.peakRssMb} MB\n`);
  }
}
