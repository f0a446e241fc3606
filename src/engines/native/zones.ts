// Zones and the account: listed once per run, then looked up by name.
import type Cloudflare from "cloudflare";
import { ApiError } from "../../shared/errors.ts";
import { call } from "./call.ts";

export interface ZoneRef {
  id: string;
  name: string;
  /** The account the zone belongs to. */
  accountId?: string;
}

/** Every zone the token can see (optionally within one account), paging by total_pages. */
export async function listZones(client: Cloudflare, accountId?: string): Promise<ZoneRef[]> {
  const zones: ZoneRef[] = [];
  for (let page = 1; ; page++) {
    const query = { per_page: 50, page, ...(accountId && { account: { id: accountId } }) };
    const result = await call("list zones", () => client.zones.list(query));
    for (const zone of result.result) zones.push({ id: zone.id, name: zone.name.toLowerCase(), ...(zone.account?.id && { accountId: zone.account.id }) });
    const info = (result as unknown as { result_info?: { total_pages?: number } }).result_info;
    if (result.result.length === 0 || page >= (info?.total_pages ?? page)) break;
  }
  return zones;
}

/** The account: explicit, else the only one the token can see. */
export async function resolveAccountId(client: Cloudflare, explicit?: string): Promise<string> {
  if (explicit) return explicit;
  const page = await call("list accounts", () => client.accounts.list({ per_page: 50 }));
  const accounts = page.result;
  if (accounts.length === 1 && accounts[0]) return accounts[0].id;
  throw new ApiError(
    accounts.length === 0 ? "the API token can see no account" : `the API token can see ${accounts.length} accounts; cf-gitops needs to know which one`,
    { hint: "set CLOUDFLARE_ACCOUNT_ID or account_id in the stack file" },
  );
}

export async function createZone(client: Cloudflare, name: string, accountId: string): Promise<ZoneRef> {
  const zone = await call(`create zone ${name}`, () => client.zones.create({ name, account: { id: accountId }, type: "full" }));
  return { id: zone.id, name: zone.name.toLowerCase() };
}
