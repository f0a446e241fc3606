// A service published through a tunnel is on the internet; an `access:` block says who may reach
// it (Cloudflare Access), or `access: { public: true }` says it is meant to be open. A service file
// that says neither is the one-line mistake this catches (Grafana, Home Assistant, git on a Pi).
import { definePolicy, noParams } from "../define-policy.ts";
import type { Finding } from "../types.ts";

export const serviceBehindAccess = definePolicy({
  id: "service-behind-access",
  description: "Every tunnel service says who may reach it: an access: block (Cloudflare Access), or access: { public: true }",
  // advisory by default, so an upgrade never blocks a repository written before access: existed;
  // `cf-gitops init` writes it as mandatory
  level: "advisory",
  remediation: "add access: { allow: [- email: you@example.com] } to the service file, or access: { public: true } if it is meant to be open",
  paramsSchema: noParams,
  checkState(desired) {
    // services sharing a hostname share its one Access application
    const guarded = new Set(desired.services.filter((service) => service.access).map((service) => service.hostname));
    const findings: Finding[] = [];
    for (const service of desired.services) {
      if (service.access || guarded.has(service.hostname)) continue;
      findings.push({
        resource: `services/${service.service}`,
        message: `service ${service.service} publishes ${service.hostname} with no access: block, so anyone on the internet can reach it`,
        source: service.source,
      });
    }
    return findings;
  },
});
