// Account lists (Cloudflare's custom lists of IPs, AS numbers or host names, and Bulk Redirects'
// redirect lists): files of their own, desired-state/lists/<list>.yaml, used as $<list> in the
// expressions of every ruleset kind, or turned on as bulk redirects (enabled: true).
import type { FilePlacement, KindDefinition } from "../kind.ts";
import { expandLists, ownsList } from "./expand.ts";
import { listEnabledRule, listItemsRule, listLimitRule, listNamesRule } from "./rules.ts";
import { listSchema } from "./schema.ts";
import { listKindId, listPlacement, type ListSpec } from "./spec.ts";

export const listKind: KindDefinition<typeof listKindId, FilePlacement<ListSpec, "list">> = {
  id: listKindId,
  title: "List",
  plural: "lists",
  placement: listPlacement,
  schema: listSchema,
  zoneRules: [],
  stateRules: [listNamesRule, listItemsRule, listLimitRule, listEnabledRule],
  expand: (state, _ctx, out) => expandLists(state, out),
  owns: ownsList,
  applyOrder: 0,
  referencedByZones: true,
  group: "account lists",
  permissions: [{ scope: "Account", group: "Account Filter Lists" }, { scope: "Account", group: "Mass URL Redirects" }],
  docs: {
    model: "files of their own",
    what: "account custom lists (ip, asn, hostname), named as `$name` in expressions, and redirect lists (Bulk Redirects), turned on with `enabled: true`",
    owns: [
      ["a file in `desired-state/lists/` (once there is one)", "every list of the account, with its items", "lists declared `read_only: true` (neither read nor written)"],
      ["a redirect list with `enabled: true`", "its rule in the account's `http_request_redirect` entrypoint (every rule that redirects from a managed list)", "rules of read-only lists, and rules that do not redirect from a list"],
    ],
    pulumi: [
      ["a list", "one `cloudflare.List` with all its `items` (replaced in bulk; `cloudflare.ListItem` is not used, the two must not be mixed), replaced old-first when its kind changes; every Ruleset that names it depends on it", "`lists/office_ips`"],
      ["the enabled redirect lists", "one account `cloudflare.Ruleset` (kind `root`, `http_request_redirect`), a `from_list` rule per list, depending on the Lists", "`lists/http_request_redirect`"],
    ],
    ids: [["list", "`lists/<list>`"], ["a redirect list's Bulk Redirect rule", "`lists/<list>/redirect-rule`"], ["the account's lists (`max-deletions`)", "`account lists`"]],
    calls: "account lists, their items, bulk operations, the account's bulk redirect entrypoint",
    importNone: "`import --lists` writes one file per live list, none when the account has none",
  },
  modules: { native: () => import("./native.ts"), pulumi: () => import("./pulumi.ts"), conformance: () => import("./conformance.ts") },
};
