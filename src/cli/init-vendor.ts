// A cf-gitops dependency that points outside the repository (`npm install ../cf-gitops-0.1.0.tgz`
// writes "file:../cf-gitops-0.1.0.tgz") breaks `npm ci` in every fresh clone: on the Pi and in the
// workflows. init copies such a tarball into vendor/ and points package.json and package-lock.json at
// the copy (ADR 30).
import { existsSync, readFileSync, statSync } from "node:fs";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, isAbsolute, join, relative, resolve } from "node:path";

export const vendorDir = "vendor";

export interface VendorPlan {
  /** The tarball outside the repository (absolute). */
  from: string;
  /** Its copy, relative to the repository: vendor/cf-gitops-0.1.0.tgz. */
  path: string;
  /** The dependency as it was, and as it becomes. */
  oldSpec: string;
  newSpec: string;
}

export type VendorDecision = { plan: VendorPlan } | { warning: string } | undefined;

function outside(dir: string, target: string): boolean {
  const rel = relative(dir, target);
  return rel.startsWith("..") || isAbsolute(rel);
}

/** What to do about package.json's cf-gitops dependency (`manifest`: package.json as read, or undefined). */
export function vendorDecision(dir: string, manifest: Record<string, unknown> | undefined): VendorDecision {
  const spec = (manifest?.dependencies as Record<string, unknown> | undefined)?.["cf-gitops"];
  if (typeof spec !== "string" || !spec.startsWith("file:")) return undefined;
  const target = resolve(dir, spec.slice("file:".length));
  if (!outside(dir, target)) return undefined;
  if (!existsSync(target)) return { warning: `package.json installs cf-gitops from ${spec}, which does not exist: a fresh clone cannot install it. Install a tarball or a git URL (README, "Use it for your own account")` };
  if (statSync(target).isDirectory()) {
    return { warning: `package.json installs cf-gitops from the folder ${spec}, outside this repository: a fresh clone (the Pi, the workflows) cannot install it. Install a tarball (npm pack in that folder) or a git URL instead` };
  }
  const path = `${vendorDir}/${basename(target)}`;
  return { plan: { from: target, path, oldSpec: spec, newSpec: `file:${path}` } };
}

/** True when the copy already exists with the same bytes (nothing to write). */
export function alreadyVendored(dir: string, plan: VendorPlan): boolean {
  const copy = join(dir, plan.path);
  return existsSync(copy) && readFileSync(copy).equals(readFileSync(plan.from));
}

/** Copies the tarball and points package-lock.json at it; returns the lock file's path when it changed. */
export async function vendor(dir: string, plan: VendorPlan): Promise<string | undefined> {
  await mkdir(join(dir, vendorDir), { recursive: true });
  await copyFile(plan.from, join(dir, plan.path));
  const lockFile = join(dir, "package-lock.json");
  if (!existsSync(lockFile)) return undefined;
  const lock = JSON.parse(await readFile(lockFile, "utf8")) as { packages?: Record<string, { dependencies?: Record<string, string>; resolved?: string }> };
  const root = lock.packages?.[""];
  const installed = lock.packages?.["node_modules/cf-gitops"];
  let changed = false;
  if (root?.dependencies?.["cf-gitops"] === plan.oldSpec) {
    root.dependencies["cf-gitops"] = plan.newSpec;
    changed = true;
  }
  if (installed?.resolved === plan.oldSpec) {
    installed.resolved = plan.newSpec; // same bytes, so the recorded integrity still holds
    changed = true;
  }
  if (!changed) return undefined;
  await writeFile(lockFile, `${JSON.stringify(lock, null, 2)}\n`);
  return "package-lock.json";
}
