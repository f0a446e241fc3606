// `cf-gitops import --zone` prints the Pulumi import ids of what it wrote, so the Pulumi engine (or
// a user's own Pulumi project) can adopt the same objects. No Pulumi SDK is loaded here.
import type { Resource } from "../../plan/resources.ts";
import { silentLogger, type Logger } from "../../shared/logger.ts";
import { ZoneMissingError } from "../../shared/errors.ts";
import { listZones } from "../native/index.ts";
import { readZone, type Live } from "../native/reads.ts";
import type { PulumiImportId } from "./adapter.ts";
import { declaresResource, pulumiAdapters } from "./adapters.ts";
import { liveClient } from "./live.ts";
import { compareText } from "../../shared/compare-text.ts";

export type { PulumiImportId } from "./adapter.ts";

export interface ImportIdOptions {
  apiToken: string;
  baseUrl?: string;
  accountId?: string;
  log?: Logger;
}

export interface ImportIdTarget {
  accountId: string;
  zoneIds: ReadonlyMap<string, string>;
}

/** Import ids of live resources (what `import` wrote), one per logical name, sorted by type and name. */
export async function importIdsOf(resources: readonly Resource[], live: Pick<Live, "meta">, target: ImportIdTarget): Promise<PulumiImportId[]> {
  const ids: PulumiImportId[] = [];
  for (const adapter of await pulumiAdapters()) {
    const groups = new Map<string, Resource[]>();
    for (const resource of resources.filter((r) => declaresResource(adapter, r))) {
      const name = adapter.logicalName(resource);
      groups.set(name, [...(groups.get(name) ?? []), resource]);
    }
    const meta = live.meta.get(adapter.kind) ?? {};
    for (const [name, group] of groups) {
      const id = adapter.importId(name, group, { accountId: target.accountId, zoneId: (zone) => target.zoneIds.get(zone) ?? "", meta: (scope) => meta[scope] });
      if (id !== undefined) ids.push({ type: adapter.type, name, id });
    }
  }
  return ids.sort((a, b) => compareText(a.type, b.type) || compareText(a.name, b.name));
}

/** Import ids of a zone's live objects of every zone-file kind; `only` limits which resources count. */
export async function listPulumiImportIds(options: ImportIdOptions, zone: string, only: (resource: Resource) => boolean = () => true): Promise<PulumiImportId[]> {
  const log = options.log ?? silentLogger();
  const client = liveClient({ apiToken: options.apiToken, log, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) });
  const found = (await listZones(client, options.accountId)).find((candidate) => candidate.name === zone.toLowerCase());
  if (!found) throw new ZoneMissingError(`zone ${zone} is not in the Cloudflare account`, { zones: [zone], hint: "check the zone name and CLOUDFLARE_ACCOUNT_ID" });
  const live = await readZone(client, found, log);
  return importIdsOf(live.resources.filter(only), live, { accountId: options.accountId ?? found.accountId ?? "", zoneIds: new Map([[found.name, found.id]]) });
}

/** `pulumi import` lines, one per object (quoted for a POSIX shell). */
export function formatPulumiImportIds(ids: PulumiImportId[]): string {
  return ids.map((entry) => `pulumi import ${entry.type} '${entry.name}' '${entry.id}'`).join("\n");
}
