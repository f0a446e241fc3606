// cf-gitops import: write a zone file from a live zone, so that a plan right after shows nothing.
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import type Cloudflare from "cloudflare";
import type { listZones as listZonesFn } from "../engines/native/zones.ts";
import type { PulumiImportId } from "../engines/pulumi/adapter.ts";
import { ConfigError, UsageError, ZoneMissingError } from "../shared/errors.ts";
import type { Logger } from "../shared/logger.ts";
import { parseFlags } from "./args.ts";
import { schemaPathFor } from "./import-schema-path.ts";
import { zoneFileFromLive } from "./import-zone.ts";
import { forceHint, keepCopies, uncommittedFiles } from "./init-keep-copy.ts";
import type { CliIo } from "./io.ts";
import { apiToken, cliLogger } from "./run-context.ts";

export const help = `Usage: cf-gitops import --zone NAME [--use PROFILE,...] [--lists] [--access] [--out desired-state] [--force]

Read a zone from Cloudflare and write desired-state/zones/NAME.yaml: every kind that lives in zone
files writes its part: the curated settings, every DNS record (ordered by name, then type; comments
and tags kept; TXT as plain text), the custom firewall rules in order, and the rate-limiting rules,
cache rules and redirects in order (their keys only when the zone has such rules). Read-only records
managed by Cloudflare are left out. With --lists, read the account's lists and write
desired-state/lists/<list>.yaml for each. With --access, write desired-state/access/groups/<name>.yaml
for each Access group, and an \`access:\` block into each service file whose hostname has an Access
application (its session and the rules of its allow policy). A \`cf-gitops plan\` right after the import shows no
changes for what it wrote. It also prints the Pulumi import id of each object it wrote
(\`pulumi import <type> <name> <id>\` lines), for adopting them with the pulumi engine.

Flags:
  --zone NAME   the zone to import
  --use NAMES   profiles (desired-state/profiles/NAME.yaml, comma-separated) the zone file uses:
                it names them in \`use:\` and leaves out what they already give the zone (the
                same records, rules and settings); what they give that differs from the live zone
                is named, and the next apply makes it the profile's
  --lists       the account's lists (IP, ASN and host name lists), one file each
  --access      the account's Access groups (one file each) and the access: blocks of the service
                files whose hostnames have Access applications
  --out DIR     the desired-state directory to write into (default: desired-state)
  --force       overwrite existing files; their YAML comments on records, rules, settings and
                list items that still exist are kept, and a file with changes git does not have
                (never committed, or edited since) is first copied to .cf-gitops/overwritten/
  -h, --help    show this help

Environment: CLOUDFLARE_API_TOKEN, CLOUDFLARE_BASE_URL, CLOUDFLARE_ACCOUNT_ID.

Exit codes: 0 written, 1 error (zone not found, file exists without --force, API error).

Examples:
  npx cf-gitops import --zone example.com
  npx cf-gitops import --zone example.org --use baseline-security,google-mail
  npx cf-gitops import --lists
  npx cf-gitops import --access
`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { importableKinds } = await import("./import-files.ts");
  const { embeddedImports } = await import("./import-embedded.ts");
  const ownFiles = importableKinds();
  const embedded = embeddedImports();
  const fileFlags = Object.fromEntries([...ownFiles.map((target) => target.hook.flag), ...embedded.map((target) => target.hook.flag)].map((flag) => [flag, { type: "boolean" as const }]));
  const { values } = parseFlags(argv, { zone: { type: "string" }, use: { type: "string" }, out: { type: "string" }, force: { type: "boolean" }, ...fileFlags }, "import");
  const zoneName = (values.zone as string | undefined)?.trim().replace(/\.$/, "").toLowerCase();
  const chosen = ownFiles.filter((target) => (values as Record<string, unknown>)[target.hook.flag] === true);
  const chosenEmbedded = embedded.filter((target) => (values as Record<string, unknown>)[target.hook.flag] === true);
  const flags = [...new Set([...ownFiles, ...embedded].map((target) => target.hook.flag))];
  if (!zoneName && chosen.length === 0 && chosenEmbedded.length === 0) throw new UsageError(`--zone${flags.map((flag) => ` or --${flag}`).join("")} is required`, { hint: "cf-gitops import --zone example.com" });
  const outDir = resolve(io.cwd, (values.out as string | undefined) ?? "desired-state");
  const use = [...new Set(String(values.use ?? "").split(",").map((name) => name.trim()).filter(Boolean))];
  if (use.length > 0 && !zoneName) throw new UsageError("--use goes with --zone", { hint: "cf-gitops import --zone example.org --use baseline-security" });
  const force = values.force === true;
  const { createClient, listZones } = await import("../engines/native/index.ts");
  const log = cliLogger(io);
  const client = createClient({ apiToken: apiToken(io), log, ...(io.env.CLOUDFLARE_BASE_URL && { baseUrl: io.env.CLOUDFLARE_BASE_URL }) });
  const ids: PulumiImportId[] = [];
  if (zoneName) ids.push(...(await importZoneFile(io, { client, listZones, log }, zoneName, outDir, force, use)));
  if (chosen.length > 0) {
    const { importOwnFiles } = await import("./import-own-files.ts");
    ids.push(...(await importOwnFiles(io, { client, log }, chosen, outDir, force)));
  }
  if (chosenEmbedded.length > 0) {
    const { importEmbedded } = await import("./import-embedded.ts");
    ids.push(...(await importEmbedded(io, { client, log }, chosenEmbedded, outDir, force)));
  }
  // The same objects, as Pulumi import ids: the pulumi engine adopts them on its first apply.
  const { formatPulumiImportIds } = await import("../engines/pulumi/import-ids.ts");
  io.stdout.write(`\nPulumi import ids of what was written (the pulumi engine adopts these on its first apply):\n${formatPulumiImportIds(ids)}\n`);
  return 0;
}

interface ZoneImportDeps {
  client: Cloudflare;
  listZones: typeof listZonesFn;
  log: Logger;
}

async function importZoneFile(io: CliIo, { client, listZones, log }: ZoneImportDeps, zoneName: string, outDir: string, force: boolean, use: string[]): Promise<PulumiImportId[]> {
  const file = join(outDir, "zones", `${zoneName}.yaml`);
  const shown = relative(io.cwd, file) || file;
  if (existsSync(file) && !force) {
    throw new ConfigError(`${shown} already exists`, { file: shown, hint: `pass --force to overwrite it (YAML comments on objects that still exist are kept; ${forceHint})` });
  }
  const { readZone } = await import("../engines/native/reads.ts");
  const zone = (await listZones(client, io.env.CLOUDFLARE_ACCOUNT_ID)).find((z) => z.name === zoneName);
  if (!zone) {
    throw new ZoneMissingError(`zone ${zoneName} not found in the Cloudflare account`, {
      zones: [zoneName],
      hint: "check the name and that the token can read it (cf-gitops doctor lists the zones it sees)",
    });
  }
  const live = await readZone(client, zone, log);
  const previous = existsSync(file) ? await readFile(file, "utf8") : undefined;
  const split = use.length > 0 ? await (await import("./import-use.ts")).splitByProfiles(live.resources, { root: io.cwd, outDir, zone: zone.name, use }) : undefined;
  const imported = zoneFileFromLive(zone.name, split?.own ?? live.resources, previous, new Date(), schemaPathFor(file, "zone", io.cwd), use);
  for (const line of await keepCopies(await uncommittedFiles(existsSync(file) ? [file] : [], io.cwd), io.cwd, io.cwd)) io.stdout.write(`${line}\n`);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, imported.text);
  io.stdout.write(`wrote ${shown}: ${imported.summary || "nothing of its own"}\n`);
  if (split) {
    io.stdout.write(`  left out ${split.provided.length} object(s) the profiles ${use.join(", ")} give\n`);
    for (const resource of split.differing) io.stdout.write(`  the profiles give ${resource.id}${resource.source ? ` (${resource.source.file}:${resource.source.line})` : ""} differently from the live zone: check the plan\n`);
  }
  const { importIdsOf } = await import("../engines/pulumi/import-ids.ts");
  return importIdsOf([...imported.written, ...(split?.provided ?? [])], live, { accountId: io.env.CLOUDFLARE_ACCOUNT_ID ?? zone.accountId ?? "", zoneIds: new Map([[zone.name, zone.id]]) });
}
