// What the custom policies' sandbox (issue 22, ADR 26) adds to `cf-gitops policy` and `plan` of the
// shipped example (one custom policy), in one run: this checkout with the sandbox, this checkout on a
// copy of the example without custom policies (no sandbox is started), and, when given, another
// checkout as the baseline (one from before the sandbox: custom policies in-process). Wall time and
// CPU time (user + system, the CLI and the processes it waited for; steadier on a busy machine),
// each the minimum of 15 runs, interleaved. Both checkouts need a fresh dist/ (npm run build).
// Run: node bench/policy-sandbox-bench.ts [BASELINE_CHECKOUT]
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startEmulator } from "../src/emulator/index.ts";
import { assertFreshBuild } from "./startup-bench.ts";

const current = resolve(import.meta.dirname, "..");
const node = join(current, "node_modules", ".bin", "node");
const runs = 15;

/** Wall and CPU milliseconds of one run (GNU time reports the CPU of the process and its children). */
async function measure(cwd: string, checkout: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ wall: number; cpu: number }> {
  const started = performance.now();
  const child = spawn("/usr/bin/time", ["-f", "cpu %U %S", node, join(checkout, "bin", "cf-gitops.js"), ...args], { cwd, env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.once("exit", done));
  if (code !== 0) throw new Error(`cf-gitops ${args.join(" ")} in ${cwd} exited ${code}: ${stderr}`);
  const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(stderr);
  return { wall: performance.now() - started, cpu: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : Number.NaN };
}

/** The example without its custom policy (and without its entry in policy.yaml). */
function exampleWithoutCustomPolicies(): string {
  const dir = mkdtempSync(join(tmpdir(), "cfg-bench-no-custom-"));
  for (const part of ["desired-state", "stacks", "policies", "package.json"]) cpSync(join(current, part), join(dir, part), { recursive: true });
  rmSync(join(dir, "policies", "no-wildcard-records.ts"));
  const config = join(dir, "policies", "policy.yaml");
  writeFileSync(config, readFileSync(config, "utf8").split("\n").filter((line) => !line.includes("no-wildcard-records")).join("\n"));
  return dir;
}

export async function runPolicySandboxBench(baseline?: string): Promise<Array<Record<string, unknown>>> {
  assertFreshBuild();
  const emulator = await startEmulator({ zones: ["example.com", "example.net"] });
  const cache = mkdtempSync(join(tmpdir(), "cfg-compile-cache-"));
  const bare = exampleWithoutCustomPolicies();
  try {
    await fetch(`${emulator.baseUrl}/accounts/${emulator.accountId}/cfd_tunnel`, { method: "POST", headers: { authorization: "Bearer bench", "content-type": "application/json" }, body: JSON.stringify({ name: "home-pi", config_src: "cloudflare" }) });
    const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_COMPILE_CACHE: cache, CLOUDFLARE_API_TOKEN: "bench", CLOUDFLARE_BASE_URL: emulator.baseUrl, CFGITOPS_FROM_SOURCE: "0" };
    await measure(current, current, ["apply", "--yes"], env); // the emulator now matches: plan has no changes
    const cases: Array<[string, string, string, readonly string[]]> = [];
    for (const [command, args] of [["policy", ["policy"]], ["plan", ["plan", "--detailed-exitcode"]]] as const) {
      if (baseline) cases.push([`${command}: baseline (${baseline})`, baseline, baseline, args]);
      cases.push([`${command}: sandbox`, current, current, args], [`${command}: no custom policy (no sandbox)`, bare, current, args]);
    }
    for (const [, cwd, checkout, args] of cases) await measure(cwd, checkout, args, env); // fills the compile caches
    const best = cases.map(() => ({ wall: Infinity, cpu: Infinity }));
    for (let i = 0; i < runs; i++) {
      for (const [j, [, cwd, checkout, args]] of cases.entries()) {
        const { wall, cpu } = await measure(cwd, checkout, args, env);
        best[j] = { wall: Math.min(best[j]!.wall, wall), cpu: Math.min(best[j]!.cpu, cpu) };
      }
    }
    return cases.map(([name], j) => ({ measure: name, "wall ms": Math.round(best[j]!.wall), "cpu ms": Math.round(best[j]!.cpu) }));
  } finally {
    await emulator.close();
    rmSync(cache, { recursive: true, force: true });
    rmSync(`${cache}-policies`, { recursive: true, force: true });
    rmSync(bare, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const { printTable } = await import("./table.ts");
  printTable(await runPolicySandboxBench(process.argv[2] ? resolve(process.argv[2]) : undefined));
}
