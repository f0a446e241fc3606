// Hand-built desired states and plans for the policy tests (no loader needed).
import type { DesiredState, ZoneSpec } from "../desired-state/types.ts";
import type { DnsRecordSpec, DnsRecordType } from "../kinds/dns-record/spec.ts";
import type { FirewallRuleSpec } from "../kinds/firewall-rule/spec.ts";
import type { TunnelServiceSpec } from "../kinds/tunnel-service/spec.ts";
import { toFqdn } from "../kinds/dns-record/identity.ts";
import type { Change, Plan } from "../plan/types.ts";
import { resolveParams } from "./params.ts";
import type { AnyPolicy, Finding } from "./types.ts";

let line = 0;
function at(file = "desired-state/zones/example.com.yaml") {
  line += 1;
  return { file, line, column: 5 };
}

export function rec(name: string, type: DnsRecordType, content: string, extra: Partial<DnsRecordSpec> = {}, zone = "example.com"): DnsRecordSpec {
  return { name, fqdn: toFqdn(name, zone), type, content, proxied: false, ttl: 1, tags: [], source: at(), ...extra };
}

export function zone(name: string, parts: { dns?: DnsRecordSpec[]; settings?: Record<string, string | number>; firewall?: Partial<FirewallRuleSpec>[] } = {}): ZoneSpec {
  const file = `desired-state/zones/${name}.yaml`;
  const settings = parts.settings
    ? { values: parts.settings, sources: Object.fromEntries(Object.keys(parts.settings).map((key) => [key, at(file)])), source: at(file) }
    : undefined;
  const firewall = parts.firewall?.map((rule, index) => ({
    ref: `rule-${index}`, expression: '(http.host eq "x")', action: "block" as const, enabled: true, source: at(file), ...rule,
  }));
  return { zone: name, file, source: { file, line: 1, column: 1 }, settings, dns: parts.dns, ignore: [], firewall };
}

export function svc(service: string, hostname: string, origin: string): TunnelServiceSpec {
  const file = `desired-state/services/${service}.yaml`;
  return { service, hostname, origin, tunnel: "home-pi", file, source: { file, line: 3, column: 9 } };
}

export function state(zones: ZoneSpec[], services: TunnelServiceSpec[] = []): DesiredState {
  return { dir: "desired-state", zones, services };
}

export function change(kind: Change["kind"], id: string, op: Change["op"], extra: Partial<Change> = {}): Change {
  const zoneName = id.includes("/") && !id.startsWith("services/") ? id.slice(0, id.indexOf("/")) : undefined;
  return { kind, id, op, zone: zoneName, fields: [], ...extra };
}

export function plan(changes: Change[]): Plan {
  return { stack: "default", engine: "native", changes };
}

/** Runs one policy's checks the way the engine does (params validated, defaults filled). */
export async function check(policy: AnyPolicy, desired: DesiredState, params: unknown = {}, p?: Plan): Promise<Finding[]> {
  const resolved = resolveParams(policy, params);
  if (!resolved.ok) throw new Error(`bad params: ${resolved.problems.map((x) => x.message).join("; ")}`);
  const ctx = { params: resolved.params, desired, plan: p, now: new Date("2026-06-01T00:00:00Z") };
  const found: Finding[] = [];
  if (policy.checkState) found.push(...(await policy.checkState(desired, ctx)));
  if (p && policy.checkPlan) found.push(...(await policy.checkPlan(p, ctx)));
  return found;
}
