// `npm run build` (also `prepare`, so `npm ci` in a checkout and `npm pack` build): src/ -> dist/ (ADR 11).
// - tsc checks the sources and writes the declarations (the types of `cf-gitops/policy`);
// - esbuild bundles the entry points (the CLI, a daemon run's child process, `cf-gitops/policy`) into
//   ES modules split into chunks, so a command loads a few files and only what it needs (the
//   commands, kinds and engines stay behind their dynamic imports); the `cloudflare` SDK is one file
//   of its own; source maps lie beside them;
// - the ajv validators of every schema known now are written as ajv standalone code.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Ajv } from "ajv";
import * as esbuild from "esbuild";
import type * as FileSchemas from "../src/desired-state/file-schemas.ts";
import type * as PolicyRegistry from "../src/policy/registry.ts";
import type { AnyPolicy } from "../src/policy/types.ts";
import type * as Validators from "../src/shared/validators.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");
const dist = join(root, "dist");
const require = createRequire(import.meta.url);

/** The entry points: what bin/cf-gitops.js runs, what the daemon forks for each run, `cf-gitops/policy`, and the custom policies' sandbox. */
const entryPoints = ["cli/main.ts", "cli/daemon-run-child.ts", "policy/public.ts", "policy/sandbox-child.ts"];
/** Dependencies bundled into dist/ (small, no files of their own to find at run time); the rest
 * are imported from node_modules as usual: @pulumi/* loads plugins and its own files, pino starts
 * workers from its files, octokit, nodemailer and the daemon's packages load only where needed. */
const bundledPackages = new Set(["yaml", "picomatch"]);
/** Bundled on its own into dist/vendor/, so that only the commands that call Cloudflare load it. */
const sdk = "cloudflare";

async function step(what: string, run: () => unknown): Promise<void> {
  const started = performance.now();
  const detail = await run();
  process.stdout.write(`build: ${what}${typeof detail === "string" ? ` (${detail})` : ""} ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

function checkAndDeclare(): void {
  const tsc = require.resolve("typescript/bin/tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    process.stderr.write("build: tsc failed (see above); dist/ is incomplete\n");
    process.exit(result.status ?? 1);
  }
}

const common = {
  bundle: true,
  platform: "node",
  target: "node22",
  format: "esm",
  // Whitespace and syntax only: names stay, so stack traces stay readable without the maps.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: "none",
  sourcemap: "linked",
  logLevel: "warning",
  metafile: true,
} satisfies esbuild.BuildOptions;

function summary(result: esbuild.BuildResult): string {
  const outputs = Object.entries(result.metafile?.outputs ?? {}).filter(([file]) => file.endsWith(".js"));
  const inputs = new Set(outputs.flatMap(([, output]) => Object.keys(output.inputs)));
  const kb = outputs.reduce((sum, [, output]) => sum + output.bytes, 0) / 1024;
  return `${inputs.size} modules into ${outputs.length} files, ${Math.round(kb)} kB`;
}

async function bundleSdk(): Promise<string> {
  // The maps name the SDK's own files, so they carry no copy of its sources.
  return summary(await esbuild.build({ ...common, entryPoints: { [sdk]: sdk }, outdir: join(dist, "vendor"), sourcesContent: false }));
}

/**
 * Where modules are taken from, and what `import.meta.url` means. A few modules find files from
 * their own URL (the run child, `cf-gitops/policy`, the precompiled validators, package.json); in a
 * bundle they see the URL they would have in a dist/ that mirrors src/. Every output file lies two
 * levels under dist/ (cli/, policy/, chunks/), so a URL relative to `../` names that place from any
 * of them; the SDK is `../vendor/cloudflare.js` the same way.
 */
const layout: esbuild.Plugin = {
  name: "cf-gitops-layout",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path === sdk) return { path: `../vendor/${sdk}.js`, external: true };
      const name = args.path.split("/").slice(0, args.path.startsWith("@") ? 2 : 1).join("/");
      return bundledPackages.has(name) ? undefined : { path: args.path, external: true };
    });
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, "utf8");
      if (!text.includes("import.meta.url")) return undefined;
      const mirrored = `../${relative(src, args.path).replace(/\.ts$/, ".js")}`;
      return { contents: text.replaceAll("import.meta.url", `new URL(${JSON.stringify(mirrored)}, import.meta.url).href`), loader: "ts" };
    });
  },
};

async function bundleEntries(): Promise<string> {
  const result = await esbuild.build({
    ...common,
    entryPoints: entryPoints.map((entry) => join(src, entry)),
    outbase: src,
    outdir: dist,
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    plugins: [layout],
    // Bundled CommonJS (yaml, picomatch) requires Node's built-ins; an ES module has no `require`.
    banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
  });
  return summary(result);
}

function sourceModule<T>(path: string): Promise<T> {
  return import(pathToFileURL(join(src, path)).href) as Promise<T>;
}

/** From the sources' schemas: a validator's key is a hash of its profile and schema, so dist/ only
 * ever uses a validator built from the very schema it asks for. */
async function writeValidators(): Promise<string> {
  const { Ajv: AjvClass } = require("ajv") as { Ajv: typeof Ajv };
  const standaloneCode = (require("ajv/dist/standalone") as { default: (ajv: Ajv, refs: Record<string, string>) => string }).default;
  const { fileSchemas } = await sourceModule<typeof FileSchemas>("desired-state/file-schemas.ts");
  const { builtinPolicies } = await sourceModule<typeof PolicyRegistry>("policy/registry.ts");
  const { precompiledFileName, validatorKey, validatorProfiles } = await sourceModule<typeof Validators>("shared/validators.ts");
  const examples: AnyPolicy[] = [];
  for (const name of readdirSync(join(root, "policies")).filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))) {
    const exports = (await import(pathToFileURL(join(root, "policies", name)).href)) as Record<string, AnyPolicy>;
    examples.push(...Object.values(exports).filter((value) => typeof value === "object" && value !== null && "paramsSchema" in value));
  }
  const schemas: Record<keyof typeof validatorProfiles, object[]> = {
    "file-schema": Object.values(fileSchemas),
    "policy-params": [...builtinPolicies, ...examples].flatMap((policy) => (policy.paramsSchema ? [policy.paramsSchema] : [])), // none: noParams, a built-in's too
  };
  const parts: string[] = [];
  let count = 0;
  for (const [profile, list] of Object.entries(schemas) as Array<[keyof typeof validatorProfiles, object[]]>) {
    const ajv = new AjvClass({ ...validatorProfiles[profile], code: { source: true } });
    const refs: Record<string, string> = {};
    for (const schema of list) {
      const key = validatorKey(profile, schema);
      if (refs[key]) continue;
      ajv.addSchema(schema, key);
      refs[key] = key;
      count++;
    }
    parts.push(`// ${profile}\n(function (exports) {\n${standaloneCode(ajv, refs)}\n})(validators);`);
  }
  const text = ["// Generated by scripts/build.ts (ajv standalone code), keyed by shared/validators.ts validatorKey(). Do not edit.", "const validators = {};", ...parts, "module.exports = { validators };", ""].join("\n");
  mkdirSync(join(dist, "shared"), { recursive: true });
  writeFileSync(join(dist, "shared", precompiledFileName), text);
  return `${count} validators`;
}

function writeBuildInfo(): void {
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
  writeFileSync(join(dist, "build-info.json"), `${JSON.stringify({ version, node: process.version, builtAt: new Date().toISOString() }, null, 2)}\n`);
}

await step("removed dist/", () => rmSync(dist, { recursive: true, force: true }));
await step("checked src/ and wrote the declarations (tsc -p tsconfig.build.json)", checkAndDeclare);
await step("bundled the Cloudflare SDK (esbuild)", bundleSdk);
await step("bundled the entry points (esbuild)", bundleEntries);
// After the bundles: the example policy imports `cf-gitops/policy`, which is dist/policy/public.js.
await step("wrote the precompiled ajv validators", writeValidators);
// Last: its time stamp is what bin/cf-gitops.js compares with src/ to tell a stale build.
await step("wrote dist/build-info.json", writeBuildInfo);
