// Where Pulumi keeps a stack's update lock, by backend, for the stale-lock cleanup and for people
// (`cf-gitops doctor`, the status page). No SDK here: doctor and the page import it cheaply.
// A DIY backend (a directory, or an S3-compatible bucket such as R2) keeps one object per lock:
// <root>/.pulumi/locks/organization/<project>/<stack>/<uuid>.json (projects layout), or
// <root>/.pulumi/locks/<stack>/<uuid>.json (the legacy layout); Pulumi Cloud keeps its own.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { backendUrlOf, projectName } from "./settings.ts";

export type BackendKind = "file" | "s3" | "cloud" | "other";

export interface S3Backend {
  bucket: string;
  /** The key prefix the URL's path names ("" for the bucket's root), without slashes at either end. */
  prefix: string;
  region?: string;
  endpoint?: string;
  forcePathStyle: boolean;
  profile?: string;
}

export function backendKind(backendUrl: string): BackendKind {
  if (backendUrl.startsWith("file://")) return "file";
  if (backendUrl.startsWith("s3://")) return "s3";
  if (/^https?:\/\//.test(backendUrl)) return "cloud";
  return "other";
}

function flag(value: string | null): boolean {
  return value !== null && value !== "" && value !== "0" && value.toLowerCase() !== "false";
}

/** An s3:// backend URL as Pulumi's (gocloud's) S3 driver reads it, or undefined for another scheme. */
export function s3Backend(backendUrl: string): S3Backend | undefined {
  if (!backendUrl.startsWith("s3://")) return undefined;
  const url = new URL(backendUrl);
  const query = url.searchParams;
  const backend: S3Backend = {
    bucket: decodeURIComponent(url.hostname),
    prefix: decodeURIComponent(url.pathname).replace(/^\/+|\/+$/g, ""),
    forcePathStyle: flag(query.get("s3ForcePathStyle")) || flag(query.get("use_path_style")),
  };
  const region = query.get("region");
  if (region) backend.region = region;
  const endpoint = query.get("endpoint");
  if (endpoint) backend.endpoint = /^[a-z]+:\/\//i.test(endpoint) ? endpoint : `${flag(query.get("disableSSL")) || flag(query.get("disable_https")) ? "http" : "https"}://${endpoint}`;
  const profile = query.get("profile");
  if (profile) backend.profile = profile;
  return backend;
}

/** The lock "directories" of a stack relative to the backend's root: the projects layout, then the legacy one. */
export function lockPrefixes(stack: string, project = projectName): string[] {
  return [`.pulumi/locks/organization/${project}/${stack}/`, `.pulumi/locks/${stack}/`];
}

/** Where the stack's lock objects live: directories of a file backend, s3:// key prefixes of a bucket; none for Pulumi Cloud. */
export function pulumiLockKeys(backendUrl: string, stack: string, project = projectName): string[] {
  const kind = backendKind(backendUrl);
  if (kind === "file") return lockPrefixes(stack, project).map((prefix) => join(fileURLToPath(backendUrl), prefix));
  const s3 = s3Backend(backendUrl);
  if (s3) return lockPrefixes(stack, project).map((prefix) => `s3://${s3.bucket}/${s3.prefix ? `${s3.prefix}/` : ""}${prefix}`);
  return [];
}

export interface PulumiLockDescription {
  backend: BackendKind;
  /** Where a lock object of the stack would be (file paths or s3:// prefixes); empty for Pulumi Cloud. */
  locations: string[];
  /** How a lock left by a CLI that is gone is cleared. */
  clearing: string;
}

/**
 * For `cf-gitops doctor` and the status page: where the stack's Pulumi lock lives and how a stale
 * one is cleared. `dataDir` and `env` are the ones the engine would use.
 */
export function describePulumiLock(options: { dataDir: string; stack: string; env?: NodeJS.ProcessEnv }): PulumiLockDescription {
  const backendUrl = backendUrlOf(options.dataDir, options.env ?? process.env);
  const backend = backendKind(backendUrl);
  const locations = pulumiLockKeys(backendUrl, options.stack);
  if (backend === "file" || backend === "s3") {
    return { backend, locations, clearing: "cf-gitops removes a lock taken on this host by a pulumi process that no longer runs before each run; a lock of a running CLI or of another host is left alone (delete it by hand only when no update runs)" };
  }
  if (backend === "cloud") {
    return { backend, locations, clearing: `Pulumi Cloud keeps the lock; when no update runs any more, clear it with \`pulumi cancel --stack ${options.stack} --yes\` (in the data directory's pulumi/workspace, with PULUMI_ACCESS_TOKEN)` };
  }
  return { backend, locations, clearing: "this backend's locks are not cleared by cf-gitops; see Pulumi's documentation for the backend" };
}
