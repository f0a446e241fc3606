// cf-gitops profile extract: move what several zone files have in common into a new profile
// (desired-state/profiles/NAME.yaml) and make the zones use it. The plan after it is empty.
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { ConfigError, UsageError } from "../shared/errors.ts";
import { parseFlags } from "./args.ts";
import type { CliIo } from "./io.ts";

export const help = `Usage: cf-gitops profile extract --from ZONE,ZONE[,...] --name NAME [--dir desired-state]

Profiles are configuration shared by many zones: desired-state/profiles/NAME.yaml holds any
zone-file key (dns, settings, firewall and the other rule lists, workers_routes, ...), and a zone
file that names it in \`use: [NAME]\` gets its content: lists come first (profiles in \`use:\`
order, then the zone's own), settings merge and the zone's value wins. In strings, {zone} is the
zone's name. See docs/profiles.md.

profile extract reads the zone files of the zones given (desired-state/zones/ZONE.yaml), moves
what all of them have in common into a new profile, and rewrites the zone files: the moved records,
rules and settings go, \`use:\` gains the profile, and everything else (comments, layout, order)
stays. Items are compared with each zone's own name written as {zone}, so
"rua=mailto:dmarc@example.org" and "...@example.net" are one item. Rules evaluated in order (firewall,
rate limits, cache rules, redirects) move only as far as the zones' first rules agree, so the order
Cloudflare evaluates them in does not change. The profile takes the comments of the first zone's
moved items. A \`cf-gitops plan\` right after shows no changes. Then it validates the result.

Flags:
  --from ZONES  two or more zones, comma-separated, whose zone files exist
  --name NAME   the new profile's name (lower case, digits, - and _); the file must not exist
  --dir DIR     the desired-state directory (default: desired-state)
  -h, --help    show this help

Exit codes: 0 written and valid, 1 error (a zone file missing, nothing in common, the profile
exists, or the result does not validate).

Examples:
  npx cf-gitops profile extract --from example.com,example.net --name shared-mail
  npx cf-gitops import --zone example.org --use shared-mail
`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, { from: { type: "string" }, name: { type: "string" }, dir: { type: "string" } }, "profile");
  if (positionals[0] !== "extract" || positionals.length > 1) throw new UsageError(positionals.length === 0 ? "which profile command? (extract)" : `unknown profile command "${positionals.join(" ")}"`, { hint: "cf-gitops profile extract --from example.com,example.net --name shared" });
  const zones = [...new Set(String(values.from ?? "").split(",").map((zone) => zone.trim().replace(/\.$/, "").toLowerCase()).filter(Boolean))];
  const name = (values.name as string | undefined)?.trim();
  if (zones.length < 2) throw new UsageError("--from needs two or more zones, comma-separated", { hint: "cf-gitops profile extract --from example.com,example.net --name shared" });
  if (!name || !/^[a-z0-9][a-z0-9_-]{0,63}$/.test(name)) throw new UsageError("--name must be a profile name: lower case letters, digits, - and _", { hint: "--name shared-mail" });
  const dir = resolve(io.cwd, (values.dir as string | undefined) ?? "desired-state");
  const shown = (path: string) => relative(io.cwd, path) || path;
  const profileFile = join(dir, "profiles", `${name}.yaml`);
  if (existsSync(profileFile)) throw new ConfigError(`${shown(profileFile)} already exists`, { file: shown(profileFile), hint: "choose another --name" });
  const inputs = await Promise.all(zones.map(async (zone) => {
    const file = join(dir, "zones", `${zone}.yaml`);
    if (!existsSync(file)) throw new ConfigError(`${shown(file)} does not exist`, { file: shown(file), hint: "profile extract works on zone files in desired-state/zones/ (import them first: cf-gitops import --zone NAME)" });
    return { zone, file, text: await readFile(file, "utf8") };
  }));
  const { extractProfile } = await import("./profile-extract.ts");
  const extracted = extractProfile(name, inputs.map((input) => ({ ...input, file: shown(input.file) })));
  await mkdir(join(dir, "profiles"), { recursive: true });
  await writeFile(profileFile, extracted.profile);
  for (const [index, zone] of extracted.zones.entries()) await writeFile(inputs[index]!.file, zone.text);
  io.stdout.write(`wrote ${shown(profileFile)}: ${extracted.moved.join(", ")}\n`);
  for (const input of inputs) io.stdout.write(`rewrote ${shown(input.file)}: use: [..., ${name}]\n`);
  return validateAfter(io, dir, name);
}

/** The result must load without errors (the zones' records, rules and settings unchanged). */
async function validateAfter(io: CliIo, dir: string, name: string): Promise<number> {
  const { formatDiagnostics, loadDesiredState } = await import("../desired-state/index.ts");
  const loaded = await loadDesiredState(relative(io.cwd, dir) || ".", { root: io.cwd });
  const errors = loaded.diagnostics.filter((d) => d.severity === "error");
  if (errors.length === 0) {
    io.stdout.write(`ok: profile ${name} is valid; \`cf-gitops plan\` should show no changes for these zones\n`);
    return 0;
  }
  io.stderr.write(formatDiagnostics(errors, "text", { root: io.cwd }));
  return 1;
}
