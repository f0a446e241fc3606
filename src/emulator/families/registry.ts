// Every API family of the emulator, one line each (as src/kinds/registry.ts lists the kinds). The
// router, the store's slices, the audit names and the tests' route list all come from here; adding
// a family is its folder and one line below (docs/emulator.md).
import type { AuditNames } from "../audit/names.ts";
import { Router } from "../router.ts";
import { accessFamily } from "./access/index.ts";
import { accountRulesetsFamily } from "./account-rulesets/index.ts";
import { accountsFamily } from "./accounts/index.ts";
import { auditLogsFamily } from "./audit-logs/index.ts";
import { dnsFamily } from "./dns/index.ts";
import type { EmulatorFamily, StoreSlice } from "./family.ts";
import { listsFamily } from "./lists/index.ts";
import { purgeFamily } from "./purge/index.ts";
import { rulesetsFamily } from "./rulesets/index.ts";
import { settingsFamily } from "./settings/index.ts";
import { tunnelsFamily } from "./tunnels/index.ts";
import { workersRoutesFamily } from "./workers-routes/index.ts";
import { zonesFamily } from "./zones/index.ts";

/** In registration order: where two templates could match one path, the earlier family's wins. */
export const families = [accountsFamily, zonesFamily, dnsFamily, settingsFamily, rulesetsFamily, tunnelsFamily, purgeFamily, listsFamily, workersRoutesFamily, accessFamily, accountRulesetsFamily, auditLogsFamily] as const satisfies readonly EmulatorFamily[];

type Registered = (typeof families)[number];
type AuditKeys<F> = F extends { audit: infer A } ? keyof A & string : never;

/** Every resource an audit event may name: the union of the registered families' `audit` keys. */
export type AuditResource = AuditKeys<Registered>;

/** Every family's audit names, by resource; a resource declared twice is an error. */
export function auditNames(list: readonly EmulatorFamily[] = families): Map<string, AuditNames> {
  const table = new Map<string, AuditNames>();
  for (const family of list) {
    for (const [resource, names] of Object.entries(family.audit ?? {})) {
      if (table.has(resource)) throw new Error(`audit resource "${resource}" is declared by two emulator families (${family.name})`);
      table.set(resource, names);
    }
  }
  return table;
}

/** The store's slices, in the order their keys appear in a state file. */
export function storeSlices(list: readonly EmulatorFamily[] = families): StoreSlice<unknown>[] {
  return list.flatMap((family) => family.slices ?? []);
}

/** "METHOD /template" -> the SDK type its responses are checked against (routes outside the OpenAPI subset). */
export function sdkTypes(list: readonly EmulatorFamily[] = families): Record<string, string> {
  return Object.assign({}, ...list.map((family) => family.sdkTypes ?? {})) as Record<string, string>;
}

/** The API router: every family's routes, under /client/v4. */
export function apiRouter(options: { batchLimit?: number } = {}, list: readonly EmulatorFamily[] = families): Router {
  const router = new Router();
  const ctx = { ...options, audit: auditNames(list) };
  for (const family of list) family.routes(router, ctx);
  return router;
}
