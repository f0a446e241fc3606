// cf-gitops import: write a zone file from a live zone, so that a plan right after shows nothing.
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { ConfigError, UsageError, ZoneMissingError } from "../shared/errors.ts";
import { parseFlags } from "./args.ts";
import { zoneFileFromLive } from "./import-zone.ts";
import type { CliIo } from "./io.ts";
import { apiToken, cliLogger } from "./run-context.ts";

export const help = `Usage: cf-gitops import --zone NAME [--out desired-state] [--force]

Read a zone from Cloudflare and write desired-state/zones/NAME.yaml: every kind that lives in zone
files writes its part: the curated settings, every DNS record (ordered by name, then type; comments
and tags kept; TXT as plain text) and the custom firewall rules in order. Read-only records managed by Cloudflare are left out. A \`cf-gitops plan\`
right after the import shows no changes for the zone. It also prints the Pulumi import id of each
object it wrote (\`pulumi import <type> <name> <id>\` lines), for adopting them with the pulumi engine.

Flags:
  --zone NAME   the zone to import (required)
  --out DIR     the desired-state directory to write into (default: desired-state)
  --force       overwrite an existing zone file; its YAML comments on records, rules and
                settings that still exist are kept
  -h, --help    show this help

Environment: CLOUDFLARE_API_TOKEN, CLOUDFLARE_BASE_URL, CLOUDFLARE_ACCOUNT_ID.

Exit codes: 0 written, 1 error (zone not found, file exists without --force, API error).

Example:
  npx cf-gitops import --zone example.com
`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(argv, { zone: { type: "string" }, out: { type: "string" }, force: { type: "boolean" } }, "import");
  const zoneName = (values.zone as string | undefined)?.trim().replace(/\.$/, "").toLowerCase();
  if (!zoneName) throw new UsageError("--zone is required", { hint: "cf-gitops import --zone example.com" });
  const outDir = resolve(io.cwd, (values.out as string | undefined) ?? "desired-state");
  const file = join(outDir, "zones", `${zoneName}.yaml`);
  const shown = relative(io.cwd, file) || file;
  if (existsSync(file) && values.force !== true) {
    throw new ConfigError(`${shown} already exists`, { file: shown, hint: "pass --force to overwrite it (git keeps the old version)" });
  }
  const { createClient, listZones } = await import("../engines/native/index.ts");
  const { readZone } = await import("../engines/native/reads.ts");
  const log = cliLogger(io);
  const client = createClient({ apiToken: apiToken(io), log, ...(io.env.CLOUDFLARE_BASE_URL && { baseUrl: io.env.CLOUDFLARE_BASE_URL }) });
  const zone = (await listZones(client, io.env.CLOUDFLARE_ACCOUNT_ID)).find((z) => z.name === zoneName);
  if (!zone) {
    throw new ZoneMissingError(`zone ${zoneName} not found in the Cloudflare account`, {
      zones: [zoneName],
      hint: "check the name and that the token can read it (cf-gitops doctor lists the zones it sees)",
    });
  }
  const live = await readZone(client, zone, log);
  const previous = existsSync(file) ? await readFile(file, "utf8") : undefined;
  const imported = zoneFileFromLive(zone.name, live.resources, previous);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, imported.text);
  io.stdout.write(`wrote ${shown}: ${imported.summary}\n`);
  // The same objects, as Pulumi import ids: the pulumi engine adopts them on its first apply.
  const { formatPulumiImportIds, importIdsOf } = await import("../engines/pulumi/import-ids.ts");
  const ids = await importIdsOf(imported.written, live, { accountId: io.env.CLOUDFLARE_ACCOUNT_ID ?? zone.accountId ?? "", zoneIds: new Map([[zone.name, zone.id]]) });
  io.stdout.write(`\nPulumi import ids of what was written (the pulumi engine adopts these on its first apply):\n${formatPulumiImportIds(ids)}\n`);
  return 0;
}
