// `cf-gitops import --zone` prints the Pulumi import ids of what it wrote, so a user who keeps
// Pulumi state elsewhere can adopt the same objects. No Pulumi SDK is loaded here.
import { ZoneMissingError } from "../../shared/errors.ts";
import { pulumiImportIds, type PulumiImportId } from "./adoption.ts";
import { apiError, liveClient, readLiveZone } from "./live.ts";

export type { PulumiImportId } from "./adoption.ts";

export interface ImportIdOptions {
  apiToken: string;
  baseUrl?: string;
  accountId?: string;
}

/** Import ids of a zone's live DNS records, the given settings and its custom firewall ruleset. */
export async function listPulumiImportIds(options: ImportIdOptions, zone: string, settings: string[] = []): Promise<PulumiImportId[]> {
  const client = liveClient(options);
  let zoneId: string | undefined;
  try {
    for await (const found of client.zones.list({ name: zone, ...(options.accountId ? { account: { id: options.accountId } } : {}) })) {
      if (found.name.toLowerCase() === zone.toLowerCase()) zoneId = found.id;
    }
  } catch (error) {
    throw apiError(error, "GET /zones");
  }
  if (zoneId === undefined) throw new ZoneMissingError(`zone ${zone} is not in the Cloudflare account`, { zones: [zone], hint: "check the zone name and CLOUDFLARE_ACCOUNT_ID" });
  return pulumiImportIds(zone, await readLiveZone(client, zoneId, settings));
}

/** `pulumi import` lines, one per object. */
export function formatPulumiImportIds(ids: PulumiImportId[]): string {
  return ids.map((entry) => `pulumi import ${entry.type} '${entry.name}' '${entry.id}'`).join("\n");
}
