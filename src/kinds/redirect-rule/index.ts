// Single redirects: the `redirects:` key of a zone file, one ruleset phase (http_request_dynamic_redirect).
import type { KindDefinition, ZonePlacement } from "../kind.ts";
import { expandRedirects } from "./expand.ts";
import { expressionRule, targetRule, uniqueRefRule } from "./rules.ts";
import { redirectRuleSchema } from "./schema.ts";
import { redirectPlacement, redirectRuleKindId } from "./spec.ts";

export const redirectRuleKind: KindDefinition<typeof redirectRuleKindId, ZonePlacement> = {
  id: redirectRuleKindId,
  title: "Redirect rule",
  plural: "redirect rules",
  placement: redirectPlacement,
  schema: redirectRuleSchema,
  zoneRules: [uniqueRefRule, expressionRule, targetRule],
  stateRules: [],
  expand: (state, _ctx, out) => expandRedirects(state, out),
  ordered: true,
  applyOrder: 3.3,
  permissions: [{ scope: "Zone", group: "Single Redirect", api: "Dynamic URL Redirects" }],
  docs: {
    model: "ruleset phase",
    what: "single redirects (phase `http_request_dynamic_redirect`), in order",
    owns: [["`redirects:`", "every rule of phase http_request_dynamic_redirect, in order", "the phase, while the key is absent"]],
    pulumi: [["redirects of a zone", "one `cloudflare.Ruleset` (`http_request_dynamic_redirect`), rules in order with their `ref`", "`example.com/redirects`"]],
    ids: [["redirect", "`example.com/redirects/<ref>`"]],
    calls: "the phase's entrypoint ruleset",
    importNone: "no `redirects:` key",
  },
  modules: { native: () => import("./native.ts"), pulumi: () => import("./pulumi.ts"), conformance: () => import("./conformance.ts") },
};
