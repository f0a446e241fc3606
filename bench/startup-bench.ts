// Start-up figures (issue 10): wall time of `cf-gitops --help`, `validate` of the example and `plan`
// of the example with no changes against the local emulator, each the minimum of 7 runs and given
// as a ratio to `node -e 0` on the same pinned Node. Measured for the compiled CLI (dist/, what
// users run, with Node's compile cache) and for the TypeScript sources (CFGITOPS_FROM_SOURCE=1:
// type stripping, ajv compiled at start, the SDK as 1,166 modules: as before the build existed).
// Then two hot paths alone: the packed SDK against the package, precompiled validators against ajv.
// Run alone: node bench/startup-bench.ts   (targets: --help <= 3x, validate <= 5x, plan <= 8x)
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startEmulator } from "../src/emulator/index.ts";

const repoRoot = resolve(import.meta.dirname, "..");
const bin = join(repoRoot, "bin", "cf-gitops.js");
const runs = 7;

interface Measure {
  name: string;
  args: string[];
  target: number;
}

/** Wall time of one run; asynchronous, because the emulator answers from this process. */
async function wallMs(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.once("exit", done));
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`startup bench: node ${args.join(" ")} exited ${code}: ${stderr}`);
  return ms;
}

/** Minimum of `runs` runs of each command, interleaved so that load on the machine hits all alike. */
async function minimums(commands: Array<{ args: string[]; env: NodeJS.ProcessEnv }>): Promise<number[]> {
  const best = commands.map(() => Infinity);
  for (let i = 0; i < runs; i++) {
    for (const [j, command] of commands.entries()) best[j] = Math.min(best[j]!, await wallMs(command.args, command.env));
  }
  return best;
}

function newestSource(dir: string): number {
  return Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((entry) => (entry.isDirectory() ? newestSource(join(dir, entry.name)) : entry.name.endsWith(".test.ts") ? 0 : statSync(join(dir, entry.name)).mtimeMs)));
}

/** The same test bin/cf-gitops.js makes: measuring a stale dist/ would silently measure the sources. */
export function assertFreshBuild(): void {
  const built = statSync(join(repoRoot, "dist", "build-info.json"), { throwIfNoEntry: false });
  if (!built || built.mtimeMs < newestSource(join(repoRoot, "src"))) throw new Error("bench: dist/ is missing or older than src/; run `npm run build` first");
}

/** Two hot paths alone, before and after: a process that loads the thing and does nothing else. */
async function hotPaths(base: NodeJS.ProcessEnv, baseline: number, scratch: string): Promise<Array<Record<string, unknown>>> {
  // dist/ is bundled, so the schemas and their keys come from the sources, computed here.
  const { fileSchemas } = await import("../src/desired-state/file-schemas.ts");
  const { validatorKey, validatorProfiles } = await import("../src/shared/validators.ts");
  const schemasFile = join(scratch, "file-schemas.json");
  writeFileSync(schemasFile, JSON.stringify(Object.values(fileSchemas)));
  const keys = Object.values(fileSchemas).map((schema) => validatorKey("file-schema", schema));
  const cases: Array<[string, string, string]> = [
    [
      "Cloudflare SDK: load + new client",
      "const { default: C } = await import('cloudflare'); new C({ apiToken: 'x' })",
      `const { default: C } = await import(${JSON.stringify(join(repoRoot, "dist/vendor/cloudflare.js"))}); new C({ apiToken: 'x' })`,
    ],
    [
      "file-schema validators: ready to validate",
      `const { Ajv } = await import('ajv'); const { readFileSync } = await import('node:fs'); const ajv = new Ajv(${JSON.stringify(validatorProfiles["file-schema"])}); for (const s of JSON.parse(readFileSync(${JSON.stringify(schemasFile)}, 'utf8'))) ajv.compile(s)`,
      `const { createRequire } = await import('node:module'); const { validators } = createRequire(import.meta.url)(${JSON.stringify(join(repoRoot, "dist/shared/precompiled-validators.cjs"))}); for (const key of ${JSON.stringify(keys)}) validators[key]({})`,
    ],
  ];
  const commands = cases.flatMap(([, before, after]) => [before, after].map((code) => ({ args: ["--input-type=module", "-e", code], env: base })));
  for (const command of commands) await wallMs(command.args, command.env);
  const times = await minimums(commands);
  return cases.map(([name], i) => ({
    measure: `  hot path: ${name}`,
    "dist ms": Math.round(times[2 * i + 1]! - baseline),
    "dist ratio": "",
    "sources ms": Math.round(times[2 * i]! - baseline),
    "sources ratio": "",
    target: "(ms over node -e 0)",
  }));
}

export async function runStartupBench(): Promise<Array<Record<string, unknown>>> {
  assertFreshBuild();
  const emulator = await startEmulator({ zones: ["example.com", "example.net"] });
  const cache = mkdtempSync(join(tmpdir(), "cfg-compile-cache-"));
  try {
    await fetch(`${emulator.baseUrl}/accounts/${emulator.accountId}/cfd_tunnel`, {
      method: "POST",
      headers: { authorization: "Bearer bench", "content-type": "application/json" },
      body: JSON.stringify({ name: "home-pi", config_src: "cloudflare" }),
    });
    const base = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_COMPILE_CACHE: cache, CLOUDFLARE_API_TOKEN: "bench", CLOUDFLARE_BASE_URL: emulator.baseUrl };
    const dist = { ...base, CFGITOPS_FROM_SOURCE: "0" };
    const sources = { ...base, CFGITOPS_FROM_SOURCE: "1", NODE_DISABLE_COMPILE_CACHE: "1" };
    await wallMs([bin, "apply", "--yes"], dist); // the emulator now matches the example: plan has no changes
    const measures: Measure[] = [
      { name: "--help", args: [bin, "--help"], target: 3 },
      { name: "validate (the example)", args: [bin, "validate"], target: 5 },
      { name: "policy (the example)", args: [bin, "policy"], target: 5 },
      { name: "plan (the example, no changes, emulator)", args: [bin, "plan", "--detailed-exitcode"], target: 8 },
    ];
    for (const measure of measures) await wallMs(measure.args, dist); // fills the compile cache
    const commands = [{ args: ["-e", "0"], env: base }, ...measures.flatMap((measure) => [{ args: measure.args, env: dist }, { args: measure.args, env: sources }])];
    const [baseline, ...times] = await minimums(commands);
    const rows: Array<Record<string, unknown>> = [{ measure: "node -e 0 (the pinned Node)", "dist ms": Math.round(baseline!), "dist ratio": 1, "sources ms": "", "sources ratio": "", target: "" }];
    measures.forEach((measure, i) => {
      const [compiled, source] = [times[2 * i]!, times[2 * i + 1]!];
      rows.push({
        measure: measure.name,
        "dist ms": Math.round(compiled),
        "dist ratio": Math.round((compiled / baseline!) * 100) / 100,
        "sources ms": Math.round(source),
        "sources ratio": Math.round((source / baseline!) * 100) / 100,
        target: `<= ${measure.target}x`,
      });
    });
    rows.push(...(await hotPaths(base, baseline!, cache)));
    return rows;
  } finally {
    await emulator.close();
    rmSync(cache, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const { printTable } = await import("./table.ts");
  printTable(await runStartupBench());
}
