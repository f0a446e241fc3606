// WAF custom rules: the `firewall:` key of a zone file, one ruleset phase (src/kinds/shared/ruleset-phase).
import type { KindDefinition, ZonePlacement } from "../kind.ts";
import { expandFirewall } from "./expand.ts";
import { expressionRule, skipParametersRule, uniqueRefRule } from "./rules.ts";
import { firewallRuleSchema } from "./schema.ts";
import { firewallPlacement, firewallRuleKindId } from "./spec.ts";

export const firewallRuleKind: KindDefinition<typeof firewallRuleKindId, ZonePlacement> = {
  id: firewallRuleKindId,
  title: "Firewall rule",
  plural: "firewall rules",
  placement: firewallPlacement,
  schema: firewallRuleSchema,
  zoneRules: [uniqueRefRule, expressionRule, skipParametersRule],
  stateRules: [],
  expand: (state, _ctx, out) => expandFirewall(state, out),
  ordered: true,
  applyOrder: 3,
  permissions: [{ scope: "Zone", group: "Zone WAF" }],
  docs: {
    model: "ruleset phase",
    what: "WAF custom rules (phase `http_request_firewall_custom`), in order",
    owns: [["`firewall:`", "every rule of the custom WAF phase, in order", "other phases"]],
    pulumi: [["firewall rules of a zone", "one `cloudflare.Ruleset` (`http_request_firewall_custom`, kind `zone`, each rule with its `ref`)", "`example.com/firewall`"]],
    ids: [["firewall rule", "`example.com/firewall/<ref>`"]],
    calls: "the phase's entrypoint ruleset",
    importNone: "no `firewall:` key (an empty list would claim the phase, so rules added in the dashboard would be deleted)",
  },
  modules: { native: () => import("./native.ts"), pulumi: () => import("./pulumi.ts"), conformance: () => import("./conformance.ts") },
};
