// `import --lists`: reads the chosen own-file kinds (account-level: one readAccount each) and writes
// their files; returns the Pulumi import ids of what it wrote.
import type Cloudflare from "cloudflare";
import type { NativeContext } from "../engines/native/adapter.ts";
import { nativeAdapters } from "../engines/native/adapters.ts";
import { readScopes } from "../engines/native/reads.ts";
import { resolveAccountId } from "../engines/native/zones.ts";
import type { PulumiImportId } from "../engines/pulumi/adapter.ts";
import { importIdsOf } from "../engines/pulumi/import-ids.ts";
import type { Logger } from "../shared/logger.ts";
import { writeOwnFiles, type ImportableKind } from "./import-files.ts";
import type { CliIo } from "./io.ts";

export async function importOwnFiles(io: CliIo, deps: { client: Cloudflare; log: Logger }, chosen: ImportableKind[], outDir: string, force: boolean): Promise<PulumiImportId[]> {
  let account: Promise<string> | undefined;
  const ctx: NativeContext = { client: deps.client, log: deps.log, accountId: () => (account ??= resolveAccountId(deps.client, io.env.CLOUDFLARE_ACCOUNT_ID)) };
  const adapters = await nativeAdapters();
  const ids: PulumiImportId[] = [];
  for (const target of chosen) {
    const live = await readScopes({ adapters, scopes: new Map([[target.kind.id, [...target.hook.scopes]]]), zones: new Map(), resolved: new Map() }, ctx);
    const files = target.hook.toFiles(live.resources.filter((resource) => resource.kind === target.kind.id));
    const written = await writeOwnFiles(target, files, { outDir, cwd: io.cwd, force });
    for (const line of written.lines) io.stdout.write(`${line}\n`);
    ids.push(...(await importIdsOf(written.written, live, { accountId: await ctx.accountId(), zoneIds: new Map() })));
  }
  return ids;
}
