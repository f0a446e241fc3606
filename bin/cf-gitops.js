#!/usr/bin/env node
// Entry point (ADR 11). Plain JavaScript that any Node can parse, because it may start on an old one:
// 1. on a Node that lacks what cf-gitops needs, it re-runs itself on the pinned runtime (the `node`
//    package, a dependency), found from this file's location, not from PATH;
// 2. it turns on Node's compile cache (and with CFGITOPS_DEBUG=1, source maps);
// 3. it runs the compiled CLI in dist/; in a source checkout whose dist/ is missing or older than
//    src/, it runs the TypeScript sources instead (CFGITOPS_FROM_SOURCE=1 forces that).
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import * as nodeModule from "node:module";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

// registerHooks (22.15) resolves cf-gitops/policy for custom policies; type stripping without a
// flag (22.18) loads them; node:sqlite and the compile cache come earlier.
function runtimeIsEnough() {
  return typeof nodeModule.registerHooks === "function" && typeof nodeModule.enableCompileCache === "function" && Boolean(process.features.typescript);
}

function pinnedRuntime() {
  try {
    const manifest = nodeModule.createRequire(import.meta.url).resolve("node/package.json");
    const { bin } = JSON.parse(readFileSync(manifest, "utf8"));
    const file = join(dirname(manifest), typeof bin === "string" ? bin : bin.node);
    return existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

function fail(message) {
  process.stderr.write(`cf-gitops: ${message}\n`);
  process.exit(1);
}

/** Runs this file again on the pinned runtime, passing arguments, stdio, signals and the exit status through. */
function rerunOnPinnedRuntime() {
  const runtime = pinnedRuntime();
  if (!runtime || process.env.CFGITOPS_REEXEC === "1") {
    fail(
      `needs Node.js 22.18 or newer, and this is ${process.version}. The pinned runtime (the \`node\` package) ` +
        `${runtime ? "did not start as expected" : "is not installed"}; run \`npm install\` in ${root} or use Node.js 24.`,
    );
  }
  const child = spawn(runtime, [...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, CFGITOPS_REEXEC: "1" },
  });
  // A terminal sends Ctrl-C (and Ctrl-\) to the whole foreground group, the child included: forwarding
  // those too would deliver them twice. Everything else (kill <pid>) is forwarded.
  const fromTerminal = new Set(process.stdin.isTTY ? ["SIGINT", "SIGQUIT"] : []);
  const signals = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2"];
  const forward = (signal) => fromTerminal.has(signal) || child.kill(signal);
  for (const signal of signals) process.on(signal, forward);
  child.once("error", (error) => fail(`could not start the pinned runtime ${runtime}: ${error.message}`));
  child.once("exit", (code, signal) => {
    for (const name of signals) process.off(name, forward);
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}

// dist/ is bundled; its source maps make stack traces name the TypeScript sources. Only when debugging:
// reading the maps costs start-up time. NODE_OPTIONS carries it to the daemon's run processes.
function enableSourceMapsWhenDebugging() {
  if (process.env.CFGITOPS_DEBUG !== "1") return;
  process.setSourceMapsEnabled(true);
  if (!(process.env.NODE_OPTIONS ?? "").includes("--enable-source-maps")) process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} --enable-source-maps`.trim();
}

function enableCompileCache() {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return;
  // Set in the environment too, so every run's child process (forked by the daemon) uses it.
  process.env.NODE_COMPILE_CACHE ||= join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "cf-gitops", "node-compile-cache");
  try {
    nodeModule.enableCompileCache(process.env.NODE_COMPILE_CACHE);
  } catch {
    // An unwritable cache directory only costs speed.
  }
}

// Plain string paths and no throwing stat: this walk runs at every start in a checkout.
function newestSourceChange(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceChange(path));
    else if (!entry.name.endsWith(".test.ts")) newest = Math.max(newest, statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0);
  }
  return newest;
}

function cliEntry() {
  const compiled = join(root, "dist", "cli", "main.js");
  const source = join(root, "src", "cli", "main.ts");
  if (!existsSync(source)) {
    if (!existsSync(compiled)) fail(`this copy in ${root} was not built (no dist/); run \`npm run build\` there, or reinstall the package`);
    return compiled;
  }
  if (process.env.CFGITOPS_FROM_SOURCE === "1") return source;
  const built = statSync(join(root, "dist", "build-info.json"), { throwIfNoEntry: false });
  if (built && built.mtimeMs >= newestSourceChange(join(root, "src"))) return compiled;
  if (process.stderr.isTTY) {
    process.stderr.write(`cf-gitops: dist/ is ${built ? "older than src/" : "missing"}; running the TypeScript sources (slower to start). \`npm run build\` compiles them.\n`);
  }
  return source;
}

if (!runtimeIsEnough()) {
  rerunOnPinnedRuntime();
} else {
  enableCompileCache();
  enableSourceMapsWhenDebugging();
  const { main } = await import(pathToFileURL(cliEntry()).href);
  process.exitCode = await main(process.argv.slice(2));
}
