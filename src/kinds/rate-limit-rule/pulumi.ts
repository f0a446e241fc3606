// The Pulumi engine's rate-limit adapter: one zone Ruleset per zone for http_ratelimit (the shared
// ruleset-phase helper), each rule with its ratelimit block in the provider's shape.
import type { RulesetArgs, types } from "@pulumi/cloudflare";
import type { CustomResourceOptions } from "@pulumi/pulumi";
import type { CloudflareModule, PulumiAdapter } from "../../engines/pulumi/adapter.ts";
import { rulesetPhasePulumi } from "../shared/ruleset-phase/pulumi.ts";
import { rateLimitPhase, type RateLimitValue } from "./normalise.ts";

type RulesetRule = types.input.RulesetRule;

export function rateLimitRule(rule: RateLimitValue): types.input.RulesetRule {
  const out: types.input.RulesetRule = {
    ref: rule.ref,
    expression: rule.expression,
    action: rule.action,
    enabled: rule.enabled,
    ratelimit: {
      characteristics: rule.characteristics,
      period: rule.period,
      requestsPerPeriod: rule.requests_per_period,
      mitigationTimeout: rule.mitigation_timeout,
      requestsToOrigin: rule.requests_to_origin === true,
    },
  };
  if (rule.description !== undefined) out.description = rule.description;
  return out;
}

function heldCharacteristics(state: Record<string, unknown> | undefined): Map<string, string[]> {
  const rules = Array.isArray(state?.rules) ? (state.rules as Record<string, unknown>[]) : [];
  return new Map(
    rules.flatMap((rule) => {
      const list = (rule?.ratelimit as { characteristics?: unknown } | null | undefined)?.characteristics;
      return typeof rule?.ref === "string" && Array.isArray(list) ? [[rule.ref, list.map(String)] as const] : [];
    }),
  );
}

/**
 * Characteristics are a set to Cloudflare and to cf-gitops (sent sorted), but an ordered list to
 * the provider: where the state holds the same set in another order (Cloudflare's, or the
 * dashboard's, read back on refresh), that order is sent, so the same set never shows an update.
 */
export function keepCharacteristicsOrder(rules: readonly RulesetRule[], state: Record<string, unknown> | undefined): RulesetRule[] {
  const held = heldCharacteristics(state);
  return rules.map((rule) => {
    const order = typeof rule.ref === "string" ? held.get(rule.ref) : undefined;
    const ratelimit = rule.ratelimit as types.input.RulesetRuleRatelimit | undefined;
    const wanted = ratelimit?.characteristics as string[] | undefined;
    if (!ratelimit || !order || !wanted || order.length !== wanted.length || [...order].sort().join("\n") !== [...wanted].sort().join("\n")) return rule;
    return { ...rule, ratelimit: { ...ratelimit, characteristics: order } };
  });
}

const phase = rulesetPhasePulumi(rateLimitPhase, { rule: rateLimitRule });

export const pulumi: PulumiAdapter = {
  ...phase,
  declare(resources, ctx) {
    // the shared helper builds the Ruleset; its rules get the state's characteristics order on the way
    const held = new Map(ctx.state.map((entry) => [entry.name, entry.outputs]));
    function Ruleset(name: string, args: RulesetArgs, opts?: CustomResourceOptions) {
      const rules = keepCharacteristicsOrder((args.rules ?? []) as RulesetRule[], held.get(name));
      return new ctx.cloudflare.Ruleset(name, { ...args, rules }, opts);
    }
    const cloudflare = new Proxy(ctx.cloudflare, { get: (target, key) => (key === "Ruleset" ? Ruleset : Reflect.get(target, key)) }) as CloudflareModule;
    return phase.declare(resources, { ...ctx, cloudflare });
  },
};
