// Account lists (Cloudflare's custom lists of IPs, AS numbers or host names): files of their own,
// desired-state/lists/<list>.yaml, used as $<list> in the expressions of every ruleset kind.
import type { FilePlacement, KindDefinition } from "../kind.ts";
import { expandLists, ownsList } from "./expand.ts";
import { listItemsRule, listLimitRule, listNamesRule } from "./rules.ts";
import { listSchema } from "./schema.ts";
import { listKindId, listPlacement, type ListSpec } from "./spec.ts";

export const listKind: KindDefinition<typeof listKindId, FilePlacement<ListSpec, "list">> = {
  id: listKindId,
  title: "List",
  plural: "lists",
  placement: listPlacement,
  schema: listSchema,
  zoneRules: [],
  stateRules: [listNamesRule, listItemsRule, listLimitRule],
  expand: (state, _ctx, out) => expandLists(state, out),
  owns: ownsList,
  applyOrder: 0,
  referencedByZones: true,
  group: "account lists",
  permissions: [{ scope: "Account", group: "Account Filter Lists" }],
  modules: { native: () => import("./native.ts"), pulumi: () => import("./pulumi.ts"), conformance: () => import("./conformance.ts") },
};
