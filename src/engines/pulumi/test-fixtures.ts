// A small desired state written in code (the shipped example is covered too, when the loader is there).
import type { DesiredState, ZoneSpec } from "../../desired-state/types.ts";
import type { DnsRecordSpec } from "../../kinds/dns-record/spec.ts";
import type { FirewallRuleSpec } from "../../kinds/firewall-rule/spec.ts";
import type { TunnelServiceSpec } from "../../kinds/tunnel-service/spec.ts";

const at = (file: string, line: number) => ({ file, line, column: 3 });

export function record(partial: Partial<DnsRecordSpec> & Pick<DnsRecordSpec, "name" | "fqdn" | "type">): DnsRecordSpec {
  return { proxied: false, ttl: 1, tags: [], source: at("desired-state/zones/example.com.yaml", 10), ...partial };
}

export function rule(ref: string, expression: string, action: FirewallRuleSpec["action"] = "block"): FirewallRuleSpec {
  return { ref, expression, action, enabled: true, description: `rule ${ref}`, source: at("desired-state/zones/example.com.yaml", 30) };
}

export function service(name: string, hostname: string, origin: string, extra: Partial<TunnelServiceSpec> = {}): TunnelServiceSpec {
  const file = `desired-state/services/${name}.yaml`;
  return { service: name, hostname, origin, tunnel: "home-pi", file, source: at(file, 1), ...extra };
}

export function exampleZone(): ZoneSpec {
  const file = "desired-state/zones/example.com.yaml";
  return {
    zone: "example.com",
    file,
    source: at(file, 1),
    ignore: [],
    settings: {
      values: { ssl: "strict", min_tls_version: "1.2", always_use_https: "on" },
      sources: {},
      source: at(file, 2),
    },
    dns: [
      record({ name: "@", fqdn: "example.com", type: "A", content: "203.0.113.10", proxied: true, comment: "web front", tags: ["team:web"] }),
      record({ name: "www", fqdn: "www.example.com", type: "CNAME", content: "example.com", proxied: true }),
      record({ name: "@", fqdn: "example.com", type: "MX", content: "mx1.example.net", priority: 10, ttl: 3600 }),
      record({ name: "@", fqdn: "example.com", type: "TXT", content: 'v=spf1 include:"_spf.example.net" -all' }),
      record({ name: "ipv6", fqdn: "ipv6.example.com", type: "AAAA", content: "2001:db8::10" }),
      record({ name: "_sip._tcp", fqdn: "_sip._tcp.example.com", type: "SRV", data: { priority: 10, weight: 5, port: 5060, target: "sip.example.com" } }),
      record({ name: "@", fqdn: "example.com", type: "CAA", data: { flags: 0, tag: "issue", value: "letsencrypt.org" } }),
    ],
    firewall: [
      rule("block-bad-bots", '(http.user_agent contains "BadBot")'),
      rule("challenge-admin", '(http.request.uri.path contains "/wp-admin")', "managed_challenge"),
      rule("skip-health", '(http.request.uri.path eq "/healthz")', "skip"),
    ],
  };
}

export function exampleState(): DesiredState {
  const zone = exampleZone();
  zone.firewall![2]!.action_parameters = { ruleset: "current" };
  return {
    dir: "desired-state",
    zones: [zone],
    services: [
      service("grafana", "grafana.example.com", "http://localhost:3000"),
      service("home-assistant", "ha.example.com", "http://localhost:8123", { originRequest: { noTLSVerify: true, connectTimeout: "30s" } }),
      service("grafana-api", "grafana.example.com", "http://localhost:3001", { path: "/api" }),
    ],
  };
}
