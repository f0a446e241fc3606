// Access groups: files of their own, desired-state/access/groups/<name>.yaml, named by `group:`
// in the access rules of services (and of other groups).
import type { FilePlacement, KindDefinition } from "../kind.ts";
import { expandGroups, ownsGroup } from "./expand.ts";
import { groupCycleRule, groupNamesRule, groupRulesRule } from "./rules.ts";
import { accessGroupSchema } from "./schema.ts";
import { accessGroupKindId, accessGroupPlacement, type AccessGroupSpec } from "./spec.ts";

export const accessGroupKind: KindDefinition<typeof accessGroupKindId, FilePlacement<AccessGroupSpec, "access-group">> = {
  id: accessGroupKindId,
  title: "Access group",
  plural: "Access groups",
  placement: accessGroupPlacement,
  schema: accessGroupSchema,
  zoneRules: [],
  stateRules: [groupNamesRule, groupRulesRule, groupCycleRule],
  expand: (state, _ctx, out) => expandGroups(state, out),
  owns: ownsGroup,
  applyOrder: 0.5,
  referencedByZones: true,
  group: "Access",
  permissions: [{ scope: "Account", group: "Access: Organizations, Identity Providers, and Groups" }, { scope: "Account", group: "Access: Service Tokens", readOnly: true }],
  docs: {
    model: "files of their own",
    what: "Cloudflare Access groups: who belongs (include, exclude, require), named by services' access rules",
    owns: [["a file in `desired-state/access/groups/` (once there is one)", "every Access group of the account, with its rules", "groups declared `read_only: true` (never changed)"]],
    pulumi: [["an Access group", "`cloudflare.ZeroTrustAccessGroup` (import id `accounts/<account_id>/<group_id>`); groups it names are declared first", "`access/groups/family`"]],
    ids: [["Access group", "`access/groups/<name>`"]],
    calls: "Access groups; service tokens and login methods by name (read only, when a rule names one)",
    importNone: "`import --access` writes one file per live group, none when the account has none",
  },
  modules: { native: () => import("./native.ts"), pulumi: () => import("./pulumi.ts"), conformance: () => import("./conformance.ts") },
};
