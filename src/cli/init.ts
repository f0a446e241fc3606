// cf-gitops init: scaffold a configuration repository that depends on the cf-gitops package.
// Nothing is written when a file would be overwritten (unless --force); package.json and .gitignore
// are merged instead, so init also works right after `npm install <tarball>`.
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { tokenHint } from "../kinds/permissions.ts";
import { ConfigError, UsageError } from "../shared/errors.ts";
import { packageAllowScripts, packageVersion } from "../shared/module-paths.ts";
import { parseFlags } from "./args.ts";
import { importLists, importZone, zonesToImport } from "./init-import.ts";
import { mergeGitignore, mergePackageJson, packageNameFor, type Merged } from "./init-merge.ts";
import { forceHint, keepCopies, uncommittedFiles } from "./init-keep-copy.ts";
import { gitignoreTemplate, isConfigRepository, scaffoldFiles, zoneFilePath } from "./init-scaffold.ts";
import { alreadyVendored, vendor, vendorDecision } from "./init-vendor.ts";
import type { CliIo } from "./io.ts";

export const help = `Usage: cf-gitops init [DIR] [--zone NAME]... [--import] [--force]

Create a configuration repository for your own Cloudflare account in DIR (default: the current
directory; created if missing). It gets:

  package.json                    depends on cf-gitops (this version); merged if it exists
  stacks/default.yaml             the stack: account, engine (native), schedules, notifications
  desired-state/zones/NAME.yaml   one per --zone (commented, owning nothing yet), or an example zone
  policies/policy.yaml            every built-in policy at its default level
  policies/no-wildcard-records.ts an example custom policy (it imports cf-gitops/policy)
  .github/workflows/preview.yml   pull requests: validate, policy and a plan comment
  .github/workflows/drift.yml     a scheduled drift check that keeps a drift issue per stack
  .gitignore                      node_modules/ and the data directory; merged if it exists

The YAML files carry $schema comments pointing at node_modules/cf-gitops/schemas/, so editors with
the YAML language server complete and check them. Then it prints the next steps.

package.json gets "type": "module" (custom policies are ES modules; "commonjs", which npm init -y
writes, is replaced, and init says so). When cf-gitops was installed from a tarball outside the
repository (npm install ../cf-gitops-0.1.0.tgz), init copies it to vendor/ and points package.json
and package-lock.json at the copy, so npm ci works in a fresh clone.

In a configuration repository already (it has a stack file), init adds what is missing (a new
--zone's file, say) and keeps the files that exist; elsewhere a file in the way stops it, and
nothing is written.

Flags:
  --zone NAME   a zone to manage (repeat for several)
  --import      write the zone files from the live account, as \`cf-gitops import\` does: the
                --zone zones, or every zone the token can see (needs CLOUDFLARE_API_TOKEN),
                and the account's lists (skipped, with a note, when the token cannot read them)
  --force       overwrite files that exist; one with changes git does not have (never committed,
                or edited since) is first copied to .cf-gitops/overwritten/, and init says where
  -h, --help    show this help

Environment (--import only): CLOUDFLARE_API_TOKEN, CLOUDFLARE_ACCOUNT_ID, CLOUDFLARE_BASE_URL.

Exit codes: 0 written, 1 error (a file exists without --force, bad zone name, API error).

Examples:
  mkdir my-cloudflare && cd my-cloudflare && git init -b main && npm init -y
  npm install ../cf-gitops/cf-gitops-0.1.0.tgz     # or, once it is published: npm install cf-gitops
  npx cf-gitops init --zone example.com --zone example.org
  npx cf-gitops init --zone example.net            # later: adds that zone's file, keeps the rest
  CLOUDFLARE_API_TOKEN=... npx cf-gitops init --import --force
`;

const zonePattern = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

function zoneNames(values: string[]): string[] {
  const zones = [...new Set(values.map((value) => value.trim().replace(/\.$/, "").toLowerCase()))];
  const bad = zones.filter((zone) => !zonePattern.test(zone));
  if (bad.length > 0) throw new UsageError(`not a zone name: ${bad.join(", ")}`, { hint: "give the domain, e.g. --zone example.com" });
  return zones;
}

async function readIfPresent(file: string): Promise<string | undefined> {
  return existsSync(file) ? readFile(file, "utf8") : undefined;
}

async function write(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
}

export function nextSteps(shown: string, hasGit: boolean, installed: boolean, example: boolean): string {
  const steps = [
    ...(shown === "." ? [] : [`cd ${shown}`]),
    ...(hasGit ? [] : ["git init -b main"]),
    ...(installed ? [] : ["npm install                        # cf-gitops and its Node.js 24 runtime"]),
    ...(example ? ["replace desired-state/zones/example.com.yaml with your zones (cf-gitops import --zone NAME)"] : []),
    "npx cf-gitops validate && npx cf-gitops policy",
    `export CLOUDFLARE_API_TOKEN=...     # ${tokenHint()} (only the kinds you use: docs/security.md)`,
    "npx cf-gitops plan                 # what apply would change; nothing is written",
    'git add -A && git commit -m "cf-gitops configuration" && git push',
    "on GitHub: Settings > Secrets and variables > Actions: CLOUDFLARE_API_TOKEN, CLOUDFLARE_ACCOUNT_ID",
    "on the Pi, in a clone of this repository after npm ci: sudo sh node_modules/cf-gitops/deploy/install.sh --repo <its URL> (README, 'Use it for your own account')",
  ];
  return `\nNext steps:\n${steps.map((step, i) => `  ${i + 1}. ${step}`).join("\n")}\n`;
}

function parsedManifest(text: string | undefined): Record<string, unknown> | undefined {
  try {
    return text === undefined ? undefined : (JSON.parse(text) as Record<string, unknown>);
  } catch {
    return undefined; // mergePackageJson reports it
  }
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, { zone: { type: "string", multiple: true }, import: { type: "boolean" }, force: { type: "boolean" } }, "init");
  if (positionals.length > 1) throw new UsageError(`init takes one directory; got ${positionals.join(" ")}`, { hint: "cf-gitops init [DIR]" });
  const dir = resolve(io.cwd, positionals[0] ?? ".");
  const shown = relative(io.cwd, dir) || ".";
  const force = values.force === true;
  let zones = zoneNames((values.zone as string[] | undefined) ?? []);
  if (values.import === true) zones = await zonesToImport(io, zones);

  // In a configuration repository already (it has a stack file), init adds what is missing, such as
  // a new --zone's file, and keeps what is there; elsewhere a file in the way stops it.
  const existingRepository = isConfigRepository(dir);
  const files = await scaffoldFiles({ zones, imported: values.import === true, example: !existingRepository });
  const packageText = await readIfPresent(join(dir, "package.json"));
  const decision = vendorDecision(dir, parsedManifest(packageText));
  const vendoring = decision && "plan" in decision && !alreadyVendored(dir, decision.plan) ? decision.plan : undefined;
  const importedPaths = values.import === true ? zones.map(zoneFilePath) : [];
  const planned = [...importedPaths, ...files.map((file) => file.path), ...(vendoring ? [vendoring.path] : [])];
  const existing = planned.filter((path) => existsSync(join(dir, path)));
  const kept = existingRepository && !force ? existing.filter((path) => files.some((file) => file.path === path)) : [];
  const conflicts = existing.filter((path) => !kept.includes(path));
  if (conflicts.length > 0 && !force) {
    throw new ConfigError(`${conflicts.length} file(s) already exist in ${shown}:\n${conflicts.map((path) => `  ${path}`).join("\n")}`, {
      hint: `nothing was written; pass --force to overwrite them (${forceHint}), or init an empty directory`,
    });
  }

  const report: string[] = [];
  const note = (path: string, how: string) => report.push(`  ${how.padEnd(11)} ${path}`);
  const detail = (line: string) => report.push(`              ${line}`);
  await mkdir(dir, { recursive: true });
  // import keeps its own copies of the zone files it replaces.
  const copies = await keepCopies(await uncommittedFiles(conflicts.filter((path) => !importedPaths.includes(path)).map((path) => join(dir, path)), dir), dir, io.cwd);
  if (values.import === true) {
    for (const zone of zones) {
      io.stderr.write(`importing ${zone}...\n`);
      const { line, kept: zoneCopies } = await importZone(io, dir, zone);
      copies.push(...zoneCopies);
      note(zoneFilePath(zone), existing.includes(zoneFilePath(zone)) ? "overwrote" : "imported");
      report[report.length - 1] += `  (${line.replace(/^wrote [^:]+: /, "")})`;
    }
    io.stderr.write("importing the account's lists...\n");
    const lists = await importLists(io, dir, values.force === true);
    copies.push(...lists.kept);
    for (const path of lists.written) note(path, existing.includes(path) ? "overwrote" : "imported");
    if (lists.skipped) io.stderr.write(`lists not imported: ${lists.skipped}\n  (import them later with: npx cf-gitops import --lists)\n`);
  }
  const installedHere = existsSync(join(dir, "node_modules", "cf-gitops"));
  const packageJson = mergePackageJson(packageText, {
    name: packageNameFor(basename(dir)), dependency: `^${packageVersion()}`, allowScripts: packageAllowScripts(), ...(decision && "plan" in decision ? { replaceDependency: decision.plan.newSpec } : {}),
  });
  const merged: Array<[string, Merged]> = [
    ["package.json", packageJson],
    [".gitignore", mergeGitignore(await readIfPresent(join(dir, ".gitignore")), await gitignoreTemplate())],
  ];
  for (const [path, result] of merged) {
    const had = existsSync(join(dir, path));
    if (result.changed) await write(join(dir, path), result.text);
    note(path, !had ? "created" : result.changed ? "updated" : "kept");
    for (const line of result.notes ?? []) detail(line);
  }
  for (const file of files) {
    if (kept.includes(file.path)) {
      note(file.path, "kept");
      continue;
    }
    note(file.path, existing.includes(file.path) ? "overwrote" : "created");
    await write(join(dir, file.path), file.text);
  }
  if (vendoring) {
    const lock = await vendor(dir, vendoring);
    note(vendoring.path, existing.includes(vendoring.path) ? "overwrote" : "copied");
    detail(`from ${vendoring.oldSpec.slice("file:".length)}, outside this repository: package.json${lock ? ` and ${lock} now install` : " now installs"} ${vendoring.newSpec}, so \`npm ci\` works in a fresh clone (the Pi, the workflows). Commit it.`);
  }
  if (decision && "warning" in decision) io.stderr.write(`warning: ${decision.warning}\n`);
  for (const line of copies) detail(line);
  io.stdout.write(`cf-gitops ${packageVersion()}: a configuration repository in ${shown}\n${report.join("\n")}\n`);
  io.stdout.write(nextSteps(shown, existsSync(join(dir, ".git")), installedHere, zones.length === 0 && !existingRepository));
  return 0;
}
