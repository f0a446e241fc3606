// `cf-gitops import --zone` prints the Pulumi import ids of what it wrote, so the Pulumi engine (or
// a user's own Pulumi project) can adopt the same objects. No Pulumi SDK is loaded here.
import { silentLogger, type Logger } from "../../shared/logger.ts";
import { ZoneMissingError } from "../../shared/errors.ts";
import { listZones } from "../native/index.ts";
import { pulumiImportIds, type PulumiImportId } from "./adoption.ts";
import { liveClient, readLiveZone, toPulumiLiveZone } from "./live.ts";
import type { LiveZone as NativeLiveZone } from "../native/index.ts";

export type { PulumiImportId } from "./adoption.ts";
export { pulumiImportIds } from "./adoption.ts";

export interface ImportIdOptions {
  apiToken: string;
  baseUrl?: string;
  accountId?: string;
  log?: Logger;
}

/** Import ids of a zone's live DNS records, its settings (all, or the given ones) and its custom firewall ruleset. */
export async function listPulumiImportIds(options: ImportIdOptions, zone: string, settings?: string[]): Promise<PulumiImportId[]> {
  const client = liveClient({ apiToken: options.apiToken, log: options.log ?? silentLogger(), ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) });
  const found = (await listZones(client, options.accountId)).find((candidate) => candidate.name === zone.toLowerCase());
  if (!found) throw new ZoneMissingError(`zone ${zone} is not in the Cloudflare account`, { zones: [zone], hint: "check the zone name and CLOUDFLARE_ACCOUNT_ID" });
  return pulumiImportIds(found.name, await readLiveZone(client, found), settings);
}

/** Import ids of what the native reader already read (no further API calls). */
export function importIdsOfLive(live: NativeLiveZone, settings?: string[]): PulumiImportId[] {
  return pulumiImportIds(live.name, toPulumiLiveZone(live.id, live), settings);
}

/** `pulumi import` lines, one per object (quoted for a POSIX shell). */
export function formatPulumiImportIds(ids: PulumiImportId[]): string {
  return ids.map((entry) => `pulumi import ${entry.type} '${entry.name}' '${entry.id}'`).join("\n");
}
