// Planning: list zones once, let the kinds resolve names (tunnels), expand the desired state, read
// each kind's scopes, diff, then attach each change's write payload and the fingerprints of what
// was read (a saved plan checks them before it writes).
import type Cloudflare from "cloudflare";
import type { DesiredState, StackConfig } from "../../desired-state/types.ts";
import { buildPlanned, readOnlyWarnings } from "../../plan/build.ts";
import type { Planned } from "../../plan/diff.ts";
import { expandDesired, scopesToRead, type Expanded, type Resolved } from "../../plan/expand.ts";
import { fingerprintKeys } from "../../plan/fingerprint.ts";
import { ownershipToJson, type Resource } from "../../plan/resources.ts";
import type { Change, Plan } from "../../plan/types.ts";
import { AbortedError, ZoneMissingError } from "../../shared/errors.ts";
import type { RunOptions } from "../engine.ts";
import type { AuditRef } from "../../drift-attribution/types.ts";
import type { NativeAdapter, StackContext } from "./adapter.ts";
import { nativeAdapters } from "./adapters.ts";
import { readScopes, type Live } from "./reads.ts";
import { listZones, resolveAccountId, type ZoneRef } from "./zones.ts";

export interface PlanContext {
  plan: Plan;
  native: StackContext;
  adapters: Map<string, NativeAdapter>;
  zones: Map<string, ZoneRef>;
  /** How the audit log names each change's object (drift attribution), where its kind says. */
  auditRefs: Map<Change, AuditRef>;
}

function missingZoneError(missing: string[], stack: StackConfig): ZoneMissingError {
  const list = missing.join(", ");
  return new ZoneMissingError(`zone${missing.length > 1 ? "s" : ""} ${list} not found in the Cloudflare account`, {
    zones: missing,
    hint: `add the zone in Cloudflare first (cf-gitops never creates zones on its own), set create_zones: true in ${stack.file}, or remove its file from desired-state/zones/`,
  });
}

export function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortedError("the run was cancelled while reading Cloudflare; nothing was written");
}

/** The API context adapters work in; the account is looked up once, only when something needs it. */
export function nativeContext(client: Cloudflare, run: Pick<RunOptions, "stack" | "log" | "signal">, explicitAccount: string | undefined): StackContext {
  let account: Promise<string> | undefined;
  return {
    client,
    stack: run.stack,
    log: run.log,
    ...(run.signal && { signal: run.signal }),
    accountId: () => (account ??= resolveAccountId(client, explicitAccount)),
  };
}

/** The one account every listed zone of the desired state belongs to, if there is exactly one. */
function sharedAccount(desired: DesiredState, zones: Map<string, ZoneRef>): string | undefined {
  const accounts = new Set(desired.zones.map((zone) => zones.get(zone.zone)?.accountId).filter((id): id is string => id !== undefined));
  return accounts.size === 1 ? [...accounts][0] : undefined;
}

export async function zonesOf(client: Cloudflare, accountId: string | undefined): Promise<Map<string, ZoneRef>> {
  return new Map((await listZones(client, accountId)).map((zone) => [zone.name, zone]));
}

export async function resolveNames(adapters: Map<string, NativeAdapter>, desired: DesiredState, ctx: StackContext): Promise<Map<string, Map<string, string>>> {
  const resolved = new Map<string, Map<string, string>>();
  for (const [kind, adapter] of adapters) if (adapter.resolve) resolved.set(kind, await adapter.resolve(desired, ctx));
  return resolved;
}

/** Every change's payload, from the desired and live resources of its kind and scope. */
function withPayloads(planned: Planned[], expanded: Expanded, live: Live, adapters: Map<string, NativeAdapter>): void {
  const inScope = (list: Resource[], kind: string, scope: string) => list.filter((r) => r.kind === kind && r.scope === scope);
  for (const { change, want, have } of planned) {
    const adapter = adapters.get(change.kind);
    const resource = want ?? have;
    if (!adapter || !resource) continue;
    const input = { change, desired: inScope(expanded.resources, change.kind, resource.scope), live: inScope(live.resources, change.kind, resource.scope), meta: live.meta.get(change.kind)?.[resource.scope] };
    change.payload = adapter.payload({ ...input, ...(want && { want }), ...(have && { have }) });
  }
}

function auditRefsOf(planned: Planned[], live: Live, adapters: Map<string, NativeAdapter>): Map<Change, AuditRef> {
  const refs = new Map<Change, AuditRef>();
  for (const { change, want, have } of planned) {
    const resource = have ?? want;
    const hook = adapters.get(change.kind)?.auditResource;
    const ref = hook?.({ change, meta: resource ? live.meta.get(change.kind)?.[resource.scope] : undefined, ...(resource && { resource }) });
    if (ref) refs.set(change, ref);
  }
  return refs;
}

export async function computePlan(client: Cloudflare, desired: DesiredState, options: RunOptions, engine: { accountId?: string }): Promise<PlanContext> {
  const stack = options.stack;
  const explicitAccount = engine.accountId ?? stack.account_id;
  const adapters = await nativeAdapters();
  options.onProgress?.({ stage: "read", message: "listing zones" });
  const zones = await zonesOf(client, explicitAccount);
  checkAborted(options.signal);
  // The account of the stack's zones, when they share one, saves a GET /accounts (and a token that
  // sees several accounts then needs no CLOUDFLARE_ACCOUNT_ID).
  const native = nativeContext(client, options, explicitAccount ?? sharedAccount(desired, zones));
  const missing = desired.zones.map((zone) => zone.zone).filter((name) => !zones.has(name));
  if (missing.length > 0 && !stack.create_zones) throw missingZoneError(missing, stack);
  if (missing.length > 0) await native.accountId();

  const resolved: Resolved = await resolveNames(adapters, desired, native);
  checkAborted(options.signal);
  const expanded = expandDesired(desired, { resolved, zoneNames: [...zones.keys()] });
  const scopes = scopesToRead(expanded);
  options.onProgress?.({ stage: "read", message: `reading ${[...new Set([...scopes.values()].flat())].length} scope(s)` });
  const live = await readScopes({ adapters, scopes, zones, resolved }, native);
  checkAborted(options.signal);

  options.onProgress?.({ stage: "plan", message: "comparing" });
  const planned = buildPlanned({ desired: expanded.resources, live: live.resources, ownership: expanded.ownership, zonesToCreate: missing });
  withPayloads(planned, expanded, live, adapters);
  const touched = planned.flatMap(({ want, have }) => [want?.key, have?.key]).filter((key): key is string => key !== undefined);
  const plan: Plan = {
    stack: stack.name,
    engine: "native",
    changes: planned.map((entry) => entry.change),
    reads: {
      scopes: Object.fromEntries(scopes),
      resolved: Object.fromEntries([...resolved].map(([kind, names]) => [kind, Object.fromEntries(names)])),
      owned: ownershipToJson(expanded.ownership),
      fingerprints: fingerprintKeys(live.resources, expanded.ownership, touched),
    },
  };
  const account = explicitAccount ?? desired.zones.map((zone) => zones.get(zone.zone)?.accountId).find((id) => id !== undefined);
  if (account) plan.account = account;
  if (options.commit) plan.commit = options.commit;
  const warnings = readOnlyWarnings(expanded.resources, live.resources);
  if (warnings.length > 0) plan.warnings = warnings;
  return { plan, native, adapters, zones, auditRefs: auditRefsOf(planned, live, adapters) };
}
