// `import --access` (and any kind whose YAML is a key in another kind's files, with an import
// hook): reads the kind's live objects with the native adapters and writes the key into the host
// files it belongs to (a service file's `access:`), keeping the rest of each file and its comments.
// A file that already has the key is left alone unless --force.
import { readFile, writeFile } from "node:fs/promises";
import { relative, resolve } from "node:path";
import type Cloudflare from "cloudflare";
import { parseDocument } from "yaml";
import { loadDesiredState } from "../desired-state/load.ts";
import type { NativeContext } from "../engines/native/adapter.ts";
import { nativeAdapters } from "../engines/native/adapters.ts";
import { readScopes } from "../engines/native/reads.ts";
import { resolveAccountId } from "../engines/native/zones.ts";
import type { PulumiImportId } from "../engines/pulumi/adapter.ts";
import { importIdsOf } from "../engines/pulumi/import-ids.ts";
import type { EmbeddedImport, EmbeddedPlacement, FilePlacement, KindDefinition, Placement } from "../kinds/kind.ts";
import { kinds } from "../kinds/registry.ts";
import { ConfigError } from "../shared/errors.ts";
import type { Logger } from "../shared/logger.ts";
import type { CliIo } from "./io.ts";

export interface EmbeddedTarget {
  kind: KindDefinition;
  hook: EmbeddedImport;
  host: FilePlacement;
  key: string;
}

/** Kinds embedded in another kind's files that `import` can write, with their host's placement. */
export function embeddedImports(): EmbeddedTarget[] {
  return kinds.flatMap((kind) => {
    const placement = kind.placement as EmbeddedPlacement;
    if (placement.scope !== "embedded" || !placement.import) return [];
    const placements: readonly Placement[] = kinds.map((candidate) => candidate.placement);
    const host = placements.find((candidate) => candidate.scope === "file" && candidate.file === placement.host) as FilePlacement | undefined;
    return host ? [{ kind, hook: placement.import, host, key: placement.key }] : [];
  });
}

export async function importEmbedded(io: CliIo, deps: { client: Cloudflare; log: Logger }, chosen: EmbeddedTarget[], outDir: string, force: boolean): Promise<PulumiImportId[]> {
  let account: Promise<string> | undefined;
  const ctx: NativeContext = { client: deps.client, log: deps.log, accountId: () => (account ??= resolveAccountId(deps.client, io.env.CLOUDFLARE_ACCOUNT_ID)) };
  const adapters = await nativeAdapters();
  const loaded = await loadDesiredState(outDir, { root: io.cwd });
  const ids: PulumiImportId[] = [];
  for (const target of chosen) {
    const hosts = target.host.all(loaded.state).map((spec) => ({ file: target.host.nameOf(spec).file, spec }));
    const live = await readScopes({ adapters, scopes: new Map(Object.entries(target.hook.reads)), zones: new Map(), resolved: new Map() }, ctx);
    const { blocks, notes } = target.hook.toBlocks(live.resources, hosts);
    const texts = new Map<string, string>();
    for (const block of blocks) texts.set(block.file, await readFile(resolve(io.cwd, block.file), "utf8"));
    const existing = blocks.filter((block) => parseDocument(texts.get(block.file)!).has(target.key));
    if (existing.length > 0 && !force) {
      throw new ConfigError(`${existing.map((block) => block.file).join(", ")} already ${existing.length === 1 ? "has" : "have"} ${target.key}:`, { file: existing[0]!.file, hint: `pass --force to replace ${target.key}: (git keeps the old version; the rest of the file and its comments stay)` });
    }
    for (const block of blocks) {
      const document = parseDocument(texts.get(block.file)!);
      document.set(target.key, document.createNode(block.value));
      await writeFile(resolve(io.cwd, block.file), document.toString({ lineWidth: 0, indent: 2 }));
      io.stdout.write(`wrote ${relative(io.cwd, resolve(io.cwd, block.file))}: ${block.summary}\n`);
    }
    if (blocks.length === 0) io.stdout.write(`no ${target.kind.plural} for the service files in ${relative(io.cwd, outDir) || outDir}\n`);
    for (const note of notes) io.stdout.write(`note: ${note}\n`);
    ids.push(...(await importIdsOf(blocks.flatMap((block) => block.written), live, { accountId: await ctx.accountId(), zoneIds: new Map() })));
  }
  return ids;
}
