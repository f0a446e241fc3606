// The `redirects:` key of a zone file: single redirects (phase http_request_dynamic_redirect), in order.
import type { SourceLocation } from "../../desired-state/types.ts";
import { fragment, isRecord, type ZonePlacement } from "../kind.ts";
import { phaseCount, phaseToYaml } from "../shared/ruleset-phase/expand.ts";
import { redirectPhase } from "./normalise.ts";
import { redirectRuleSchema } from "./schema.ts";

export { redirectRuleKindId } from "./normalise.ts";

export interface RedirectRuleSpec {
  ref: string;
  description?: string;
  expression: string;
  target_url: { value?: string; expression?: string };
  status_code?: number;
  preserve_query_string?: boolean;
  enabled: boolean; // default true
  source: SourceLocation;
}

declare module "../../desired-state/types.ts" {
  interface ZoneSpec {
    /** undefined: the single-redirects phase is not owned by this file */
    redirects?: RedirectRuleSpec[];
  }
}

function buildRule(raw: Record<string, unknown>, source: SourceLocation): RedirectRuleSpec {
  const targetRaw = isRecord(raw.target_url) ? raw.target_url : {};
  const target: RedirectRuleSpec["target_url"] = {};
  if (typeof targetRaw.value === "string") target.value = targetRaw.value;
  if (typeof targetRaw.expression === "string") target.expression = targetRaw.expression;
  const rule: RedirectRuleSpec = { ref: String(raw.ref), expression: String(raw.expression), target_url: target, enabled: raw.enabled !== false, source };
  if (typeof raw.description === "string") rule.description = raw.description;
  if (typeof raw.status_code === "number") rule.status_code = raw.status_code;
  if (typeof raw.preserve_query_string === "boolean") rule.preserve_query_string = raw.preserve_query_string;
  return rule;
}

export const redirectPlacement: ZonePlacement = {
  scope: "zone",
  keys: { redirects: { description: "Single redirects (phase http_request_dynamic_redirect), evaluated in this order.", schema: { type: "array", items: fragment(redirectRuleSchema) } } },
  build(raw, zone, ctx) {
    if (!Array.isArray(raw.redirects)) return;
    const rules: RedirectRuleSpec[] = [];
    raw.redirects.forEach((item, index) => {
      if (!isRecord(item) || ctx.failed(`redirects/${index}`)) return;
      const source = ctx.at(["redirects", index]);
      const rule = buildRule(item, source);
      ctx.register(rule, ["redirects", index], source);
      rules.push(rule);
    });
    zone.redirects = rules;
  },
  count: (zone) => phaseCount(redirectPhase, zone),
  toYaml: (live) => phaseToYaml(redirectPhase, live),
};
