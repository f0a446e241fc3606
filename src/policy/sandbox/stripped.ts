// Type stripping is the slow part of starting the sandbox: Node loads its TypeScript stripper (a
// WebAssembly module, about 200 ms) the first time it meets a .ts file, and the sandbox, which may
// write nowhere, cannot use Node's compile cache. So the process that starts the sandbox (trusted
// code) strips each policy file once, and keeps the JavaScript in a folder of its own, keyed by the
// SHA-256 of the TypeScript; the sandbox may read that folder and loads a cached file's JavaScript
// instead of stripping it again (sandbox/hooks.ts). Stripping only removes types (positions are
// kept, so errors name the same line and column); nothing is evaluated here.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { stripTypeScriptTypes } from "node:module";

/** A policy file larger than this is left to the sandbox (it is not a policy worth caching). */
const maxCachedBytes = 1024 * 1024;

/** Next to Node's compile cache of the CLI (NODE_COMPILE_CACHE, set by bin/cf-gitops.js), else none. */
export function policyCacheDir(env: NodeJS.ProcessEnv): string | undefined {
  return env.NODE_COMPILE_CACHE ? `${env.NODE_COMPILE_CACHE}-policies` : undefined;
}

export function strippedName(typescript: Buffer | string): string {
  return `${createHash("sha256").update(typescript).digest("hex")}.js`;
}

function typescriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts"))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Node warns that stripTypeScriptTypes is experimental; that is ours to know, not the user's. */
function quietly<T>(work: () => T): T {
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (!String(warning instanceof Error ? warning.message : warning).includes("stripTypeScriptTypes")) (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return work();
  } finally {
    process.emitWarning = emitWarning;
  }
}

/** Strips the policy files not in the cache yet; a file that does not strip is left to the sandbox (which reports it). */
export function cacheStrippedPolicies(policiesDir: string, cacheDir: string): void {
  try {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    for (const file of typescriptFiles(policiesDir)) {
      const typescript = readFileSync(file);
      if (typescript.length > maxCachedBytes) continue;
      const target = join(cacheDir, strippedName(typescript));
      if (existsSync(target)) continue;
      let javascript: string;
      try {
        javascript = quietly(() => stripTypeScriptTypes(typescript.toString("utf8"), { mode: "strip" }));
      } catch {
        continue;
      }
      const partial = `${target}.${process.pid}.partial`;
      writeFileSync(partial, javascript, { mode: 0o600 });
      renameSync(partial, target);
      rmSync(partial, { force: true });
    }
  } catch {
    // A cache that cannot be written only makes the sandbox slower to start.
  }
}
