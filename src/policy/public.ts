// `cf-gitops/policy`: everything a custom policy (policies/*.ts) may import. Anything else under
// src/ is internal and may change between versions; this module is the contract (ADR 11).
export { definePolicy, noParams } from "./define-policy.ts";
export { dnsRecordId, toFqdn, toRelative, canonicalHost } from "../kinds/dns-record/identity.ts";
export { recordResource, settingResource, firewallResource, zoneOf, zoneHasProxiedTraffic } from "./resources.ts";
export { parseDnsChangeId, changeZone, type DnsChangeId } from "./builtin/plan-facts.ts";

export type { EnforcementLevel, Finding, JsonSchema, Policy, PolicyContext, Tightening } from "./types.ts";
export type {
  CacheRuleSpec, DesiredState, DnsRecordData, DnsRecordSpec, DnsRecordType, FirewallAction, FirewallRuleSpec, ListItemSpec, ListSpec, RateLimitRuleSpec,
  RedirectRuleSpec, SourceLocation, StackConfig, TunnelServiceSpec, ZoneSettingsSpec, ZoneSpec,
} from "../desired-state/types.ts";
export type { Change, ChangeOp, KindId, Plan } from "../plan/types.ts";

/** The resource id of a tunnel-published service, as the built-in policies and plans name it. */
export function serviceResource(service: { service: string }): string {
  return `services/${service.service}`;
}
