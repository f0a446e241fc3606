// The Cloudflare reads the Pulumi engine needs before its program runs (the account, zone ids, the
// names kinds resolve) go through the native engine's client and adapters (retries, rate-limit
// handling, one read per list).
import type Cloudflare from "cloudflare";
import type { DesiredState } from "../../desired-state/types.ts";
import type { Logger } from "../../shared/logger.ts";
import { ZoneMissingError } from "../../shared/errors.ts";
import { createClient, listZones } from "../native/index.ts";
import type { ZoneRef } from "../native/zones.ts";

export interface LiveClientOptions {
  apiToken: string;
  baseUrl?: string;
  log: Logger;
}

export function liveClient(options: LiveClientOptions): Cloudflare {
  return createClient({ apiToken: options.apiToken, log: options.log, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) });
}

/** Every zone of the account by name; a desired zone the account lacks is an error. */
export async function resolveZones(client: Cloudflare, accountId: string, desired: DesiredState): Promise<Map<string, ZoneRef>> {
  const zones = new Map((await listZones(client, accountId)).map((zone) => [zone.name, zone]));
  const missing = desired.zones.map((zone) => zone.zone).filter((zone) => !zones.has(zone));
  if (missing.length > 0) {
    throw new ZoneMissingError(`zone${missing.length > 1 ? "s" : ""} not in the Cloudflare account: ${missing.join(", ")}`, {
      zones: missing,
      hint: "add the zone in the Cloudflare dashboard (the Pulumi engine never creates zones), or check CLOUDFLARE_ACCOUNT_ID",
    });
  }
  return zones;
}
