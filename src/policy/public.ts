// `cf-gitops/policy`: everything a custom policy (policies/*.ts) may import. Anything else under
// src/ is internal and may change between versions; this module is the contract (ADR 11).
import type { RegisteredKindId } from "../kinds/registry.ts";

export { definePolicy, noParams } from "./define-policy.ts";
export { dnsRecordId, toFqdn, toRelative, canonicalHost } from "../kinds/dns-record/identity.ts";
export { recordResource, settingResource, firewallResource, zoneOf, zoneHasProxiedTraffic } from "./resources.ts";
export { parseDnsChangeId, changeZone, type DnsChangeId } from "./builtin/plan-facts.ts";

export type { EnforcementLevel, Finding, JsonSchema, Policy, PolicyContext, Tightening } from "./types.ts";
export type { DesiredState, SourceLocation, StackConfig, ZoneSpec } from "../desired-state/types.ts";
export type { Change, ChangeOp, Plan } from "../plan/types.ts";

// Each kind's own types, from its folder: policy authors import them from here, never from src/.
// (A kind that adds a key to ZoneSpec or a list to DesiredState does so in its spec.ts, which
// these imports load, so `zone.firewall`, `state.services`, ... are typed for policies too.)
export type { CacheRuleSpec } from "../kinds/cache-rule/spec.ts";
export type { DnsIgnorePattern, DnsRecordData, DnsRecordSpec, DnsRecordType } from "../kinds/dns-record/spec.ts";
export type { FirewallAction, FirewallRuleSpec } from "../kinds/firewall-rule/spec.ts";
export type { ListItemSpec, ListSpec } from "../kinds/list/spec.ts";
export type { RateLimitRuleSpec } from "../kinds/rate-limit-rule/spec.ts";
export type { RedirectRuleSpec } from "../kinds/redirect-rule/spec.ts";
export type { TunnelServiceSpec } from "../kinds/tunnel-service/spec.ts";
export type { ZoneSettingsSpec, ZoneSettingValue } from "../kinds/zone-settings/spec.ts";

/** "zone" (a zone created because the stack allows it) or a registered kind's id. */
export type KindId = "zone" | RegisteredKindId;

/** The resource id of a tunnel-published service, as the built-in policies and plans name it. */
export function serviceResource(service: { service: string }): string {
  return `services/${service.service}`;
}
