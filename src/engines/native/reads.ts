// Reading live state by scope: zone-file kinds zone by zone (a few zones at a time, each zone's
// kinds in parallel), account-level kinds once each. Shared by planning, saved-plan checks,
// Pulumi adoption and `cf-gitops import`.
import { kinds } from "../../kinds/registry.ts";
import type { Resolved } from "../../plan/expand.ts";
import { assignIds, type Resource } from "../../plan/resources.ts";
import type { LiveRead, NativeAdapter, NativeContext } from "./adapter.ts";
import { nativeAdapters } from "./adapters.ts";
import type { ZoneRef } from "./zones.ts";

export interface Live {
  resources: Resource[];
  /** kind -> scope -> meta */
  meta: Map<string, Record<string, unknown>>;
}

export interface ReadRequest {
  adapters: Map<string, NativeAdapter>;
  /** kind -> scopes to read (zone names for zone-file kinds). */
  scopes: ReadonlyMap<string, readonly string[]>;
  zones: ReadonlyMap<string, ZoneRef>;
  resolved: Resolved;
  /** Zones read at once. */
  concurrency?: number;
}

const none: ReadonlyMap<string, string> = new Map();

export async function readScopes(request: ReadRequest, ctx: NativeContext): Promise<Live> {
  const live: Live = { resources: [], meta: new Map() };
  const keep = (kind: string, read: LiveRead) => {
    live.resources.push(...read.resources);
    if (read.meta) live.meta.set(kind, { ...live.meta.get(kind), ...read.meta });
  };
  const perZone = new Map<string, string[]>();
  // Account-level reads (tunnels, lists) go alongside the zones' reads; kept in registry order after.
  const accountReads: Array<Promise<[string, LiveRead]>> = [];
  for (const [kind, scopes] of request.scopes) {
    const adapter = request.adapters.get(kind);
    if (!adapter) continue;
    const readCtx = { ...ctx, resolved: request.resolved.get(kind) ?? none };
    if (adapter.readAccount) {
      if (scopes.length > 0) accountReads.push(adapter.readAccount([...scopes], readCtx).then((read) => [kind, read]));
      continue;
    }
    for (const zone of scopes) if (request.zones.has(zone)) perZone.set(zone, [...(perZone.get(zone) ?? []), kind]);
  }
  const accountResults = Promise.all(accountReads);
  accountResults.catch(() => undefined); // awaited below; a zone read's failure must not leave it unhandled
  const zones = [...perZone.keys()].sort();
  const results: LiveRead[][] = new Array<LiveRead[]>(zones.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < zones.length) {
      const index = next++;
      const zone = request.zones.get(zones[index]!)!;
      results[index] = await Promise.all(perZone.get(zone.name)!.map((kind) => request.adapters.get(kind)!.readZone!(zone, { ...ctx, resolved: request.resolved.get(kind) ?? none })));
    }
  }
  await Promise.all(Array.from({ length: Math.min(Math.max(1, request.concurrency ?? 4), zones.length) }, worker));
  for (const [kind, read] of await accountResults) keep(kind, read);
  results.forEach((reads, index) => reads.forEach((read, k) => keep(perZone.get(zones[index]!)![k]!, read)));
  assignIds(live.resources);
  return live;
}

/** Every zone-file kind of one zone (`cf-gitops import`, `import-ids`). */
export async function readZone(client: NativeContext["client"], zone: ZoneRef, log: NativeContext["log"]): Promise<Live> {
  const adapters = await nativeAdapters();
  const scopes = new Map(kinds.filter((kind) => kind.placement.scope === "zone").map((kind) => [kind.id, [zone.name]] as const));
  const ctx: NativeContext = { client, log, accountId: () => Promise.resolve(zone.accountId ?? "") };
  return readScopes({ adapters, scopes, zones: new Map([[zone.name, zone]]), resolved: new Map() }, ctx);
}
