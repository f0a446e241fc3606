// The tunnel services part of the engine conformance suite: two services (each with its proxied
// CNAME); an origin changed; a service removed (its ingress rule and CNAME go); an origin changed
// in the dashboard as drift.
import type { KindScenario } from "../conformance.ts";

const service = (name: string, origin: string) => `service: ${name}\nhostname: ${name}.example.com\norigin: ${origin}\ntunnel: home-pi\n`;
const cname = (name: string) => `dns-record example.com/dns/${name}/CNAME [content,name,proxied,tags,ttl,type]`;
const all = "[hostname,service,tunnel]";

export const scenario: KindScenario = {
  create: {
    files: { "desired-state/services/grafana.yaml": service("grafana", "http://localhost:3000"), "desired-state/services/ha.yaml": service("ha", "http://localhost:8123") },
    expect: [`create tunnel-service services/grafana ${all}`, `create tunnel-service services/ha ${all}`, `create ${cname("grafana")}`, `create ${cname("ha")}`],
  },
  update: {
    files: { "desired-state/services/grafana.yaml": service("grafana", "http://localhost:3100") },
    expect: ["update tunnel-service services/grafana [service]"],
  },
  remove: {
    files: { "desired-state/services/ha.yaml": null },
    expect: [`delete tunnel-service services/ha.example.com ${all}`, `delete ${cname("ha")}`],
  },
  drift: {
    async edit(api) {
      const path = `/accounts/${api.accountId}/cfd_tunnel/${api.tunnelId}/configurations`;
      const current = await api.request<{ config: { ingress: Record<string, unknown>[] } }>("GET", path);
      const ingress = current.config.ingress.map((rule) => (rule.hostname === "grafana.example.com" ? { ...rule, service: "http://localhost:9999" } : rule));
      await api.request("PUT", path, { config: { ...current.config, ingress } });
    },
    expect: ["update tunnel-service services/grafana [service]"],
  },
};
