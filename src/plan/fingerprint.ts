// Fingerprints of what a plan read, so a saved plan can tell whether Cloudflare moved since: one
// per resource key (records of one name and type share a key) over every live object under it,
// "absent" where the plan expects nothing. And the plan's own fingerprint, shown in previews.
import { createHash } from "node:crypto";
import { stableJson } from "./diff.ts";
import { ownsLive } from "./ownership.ts";
import type { Ownership, Resource } from "./resources.ts";
import type { Plan } from "./types.ts";
import { compareText } from "../shared/compare-text.ts";

export const absent = "absent";

function hash(text: string, length = 16): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

function byKey(live: readonly Resource[]): Map<string, Resource[]> {
  const groups = new Map<string, Resource[]>();
  for (const resource of live) groups.set(resource.key, [...(groups.get(resource.key) ?? []), resource]);
  return groups;
}

/** The fingerprint of each key: the plan's touched keys and every key holding an owned live object. */
export function fingerprintKeys(live: readonly Resource[], ownership: Ownership, keys: Iterable<string>): Record<string, string> {
  const groups = byKey(live);
  const wanted = new Set(keys);
  for (const resource of live) if (ownsLive(ownership, resource)) wanted.add(resource.key);
  const out: Record<string, string> = {};
  for (const key of [...wanted].sort()) {
    const group = groups.get(key);
    out[key] = group
      ? hash(`[${group.map((r) => stableJson({ variant: r.variant ?? null, value: r.value, cloudId: r.cloudId ?? null, readOnly: r.readOnly === true })).sort(compareText).join(",")}]`)
      : absent;
  }
  return out;
}

/** Keys whose fingerprint differs between the plan and now (appeared, gone or changed). */
export function movedKeys(saved: Record<string, string>, now: Record<string, string>): string[] {
  const keys = new Set([...Object.keys(saved), ...Object.keys(now)]);
  return [...keys].filter((key) => (saved[key] ?? absent) !== (now[key] ?? absent)).sort();
}

/** What a plan commits to: where, what it read and what it changes (not where the YAML said it). */
export function planFingerprint(plan: Plan): string {
  const changes = plan.changes.map(({ source: _source, ...change }) => change);
  return hash(stableJson({ stack: plan.stack, engine: plan.engine, account: plan.account ?? null, commit: plan.commit ?? null, changes, reads: plan.reads ?? null }), 64);
}

/** The short form people compare: the first 12 hex digits. */
export function shortFingerprint(plan: Plan): string {
  return planFingerprint(plan).slice(0, 12);
}
