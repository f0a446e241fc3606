// cf-gitops purge: purge Cloudflare's cache for a zone: some hosts, some URLs, or everything.
import { UsageError, ZoneMissingError } from "../shared/errors.ts";
import { parseFlags } from "./args.ts";
import type { CliIo } from "./io.ts";
import { apiToken, cliLogger } from "./run-context.ts";

export const help = `Usage: cf-gitops purge --zone NAME (--host HOST... | --url URL... | --everything)

Purge Cloudflare's cache for one zone. Give exactly one kind of target: hosts, URLs, or everything.

Flags:
  --zone NAME      the zone (required)
  --host HOST      purge everything cached for this hostname (repeatable)
  --url URL        purge this URL (repeatable)
  --everything     purge the whole zone's cache
  -h, --help       show this help

Environment: CLOUDFLARE_API_TOKEN, CLOUDFLARE_BASE_URL, CLOUDFLARE_ACCOUNT_ID.

Exit codes: 0 purged, 1 error.

Examples:
  npx cf-gitops purge --zone example.com --url https://example.com/style.css
  npx cf-gitops purge --zone example.com --everything
`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(
    argv,
    { zone: { type: "string" }, host: { type: "string", multiple: true }, url: { type: "string", multiple: true }, everything: { type: "boolean" } },
    "purge",
  );
  const zoneName = (values.zone as string | undefined)?.trim().replace(/\.$/, "").toLowerCase();
  if (!zoneName) throw new UsageError("--zone is required", { hint: "cf-gitops purge --zone example.com --everything" });
  const hosts = (values.host as string[] | undefined) ?? [];
  const urls = (values.url as string[] | undefined) ?? [];
  const kinds = [hosts.length > 0, urls.length > 0, values.everything === true].filter(Boolean).length;
  if (kinds !== 1) throw new UsageError("give exactly one of --host, --url or --everything", { hint: "run: cf-gitops purge --help" });
  const { createClient, listZones } = await import("../engines/native/index.ts");
  const { call } = await import("../engines/native/call.ts");
  const options: Parameters<typeof createClient>[0] = { apiToken: apiToken(io), log: cliLogger(io) };
  if (io.env.CLOUDFLARE_BASE_URL) options.baseUrl = io.env.CLOUDFLARE_BASE_URL;
  const client = createClient(options);
  const zone = (await listZones(client, io.env.CLOUDFLARE_ACCOUNT_ID)).find((z) => z.name === zoneName);
  if (!zone) throw new ZoneMissingError(`zone ${zoneName} not found in the Cloudflare account`, { zones: [zoneName], hint: "cf-gitops doctor lists the zones the token can see" });
  const body = values.everything ? { purge_everything: true } : hosts.length ? { hosts } : { files: urls };
  await call(`purge the cache of ${zoneName}`, () => client.cache.purge({ zone_id: zone.id, ...body } as never));
  const what = values.everything ? "everything" : hosts.length ? `${hosts.length} host(s)` : `${urls.length} URL(s)`;
  io.stdout.write(`purged ${what} from the cache of ${zoneName}\n`);
  return 0;
}
