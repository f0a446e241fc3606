// Where the running cf-gitops lives. The same code runs as TypeScript (src/, tests and checkouts)
// and as compiled JavaScript (dist/, the CLI and the daemon); dist/ mirrors src/, so paths computed
// from a module's own URL only need the right extension.
import { readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** ".ts" when running the sources, ".js" when running dist/. */
export function moduleExtension(moduleUrl: string): ".ts" | ".js" {
  return moduleUrl.endsWith(".ts") ? ".ts" : ".js";
}

/** The URL of a sibling module given without extension, e.g. siblingModule(import.meta.url, "./daemon-run-child"). */
export function siblingModule(moduleUrl: string, relative: string): URL {
  return new URL(`${relative}${moduleExtension(moduleUrl)}`, moduleUrl);
}

/** The package root (the folder with package.json): src/ and dist/ are one level below it. */
export const packageRoot = new URL("../../", import.meta.url);

/** The node_modules folder the package's dependencies resolve from: its own in a checkout, the
 * enclosing one when installed as node_modules/cf-gitops (npm hoists the dependencies there). */
export function dependenciesDir(): string {
  const root = fileURLToPath(packageRoot);
  const parent = dirname(root);
  return basename(parent) === "node_modules" ? parent : join(root, "node_modules");
}

interface Manifest {
  version: string;
  allowScripts?: Record<string, boolean>;
}

function manifest(): Manifest {
  return JSON.parse(readFileSync(new URL("package.json", packageRoot), "utf8")) as Manifest;
}

/** The running cf-gitops's version, from its package.json. */
export function packageVersion(): string {
  return manifest().version;
}

/** The install scripts the running cf-gitops's package.json allows (npm's allowScripts). */
export function packageAllowScripts(): Record<string, boolean> {
  return manifest().allowScripts ?? {};
}
