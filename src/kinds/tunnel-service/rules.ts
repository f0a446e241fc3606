// Cross-file rules for tunnel services: hostnames inside declared zones, used once, not clashing
// with DNS records, and tunnels that the stack file names.
import type { DnsRecordSpec } from "../dns-record/spec.ts";
import { withArticle } from "../dns-record/record-types.ts";
import type { StateRule } from "../kind.ts";
import { zoneOf } from "../shared/names.ts";
import type { TunnelServiceSpec } from "./spec.ts";

export const hostnameZoneRule: StateRule = {
  name: "service-hostname-zone",
  check({ state, locate }, report) {
    const zones = state.zones.map((zone) => zone.zone);
    for (const service of state.services) {
      if (zoneOf(service.hostname, zones)) continue;
      // an Access application's domain must be in one of the account's zones too (Cloudflare refuses it otherwise)
      const app = service.access && !service.access.public ? "; its Access application needs a domain in one of the zones as well" : "";
      report(
        { code: "service-hostname-outside-zones", message: `hostname ${service.hostname} is in none of the declared zones (${zones.join(", ") || "none"})${app}`, hint: "add a zone file for its zone or use a hostname inside a declared zone" },
        locate(service, "hostname"),
      );
    }
  },
};

export const hostnameUniqueRule: StateRule = {
  name: "service-hostname-unique",
  check({ state, locate }, report) {
    const byHost = new Map<string, TunnelServiceSpec>();
    const byName = new Map<string, TunnelServiceSpec>();
    for (const service of state.services) {
      const twin = byName.get(service.service);
      if (twin) report({ code: "service-name-duplicate", message: `service "${service.service}" is also declared in ${twin.file}`, hint: "give each service its own name" }, locate(service, "service"));
      else byName.set(service.service, service);
      const first = byHost.get(service.hostname);
      if (!first) {
        byHost.set(service.hostname, service);
        continue;
      }
      const samePath = (first.path ?? "") === (service.path ?? "");
      if (samePath || first.tunnel !== service.tunnel) {
        report(
          {
            code: "service-hostname-duplicate",
            message: `hostname ${service.hostname} is already used by service "${first.service}" (${first.file})`,
            hint: samePath ? "each hostname (and path) can route to one origin only" : "services sharing a hostname must use the same tunnel",
          },
          locate(service, "hostname"),
        );
      }
    }
  },
};

export const hostnameCollisionRule: StateRule = {
  name: "service-hostname-collision",
  check({ state, locate }, report) {
    if (state.services.length === 0) return;
    const hostnames = new Set(state.services.map((service) => service.hostname));
    const records = new Map<string, DnsRecordSpec>();
    for (const zone of state.zones) {
      for (const record of zone.dns ?? []) if (hostnames.has(record.fqdn) && !records.has(record.fqdn)) records.set(record.fqdn, record);
    }
    for (const service of state.services) {
      const record = records.get(service.hostname);
      if (!record) continue;
      report(
        {
          code: "service-hostname-collides-dns",
          message: `hostname ${service.hostname} already has ${withArticle(record.type)} record (${record.source.file}:${record.source.line}); the service needs a CNAME to its tunnel there`,
          hint: "remove that DNS record or pick another hostname",
        },
        locate(service, "hostname"),
      );
    }
  },
};

export const tunnelKnownRule: StateRule = {
  name: "service-tunnel-known",
  check({ state, stack, locate }, report) {
    if (!stack) return;
    const names = Object.keys(stack.tunnels);
    for (const service of state.services) {
      if (service.tunnel in stack.tunnels) continue;
      report(
        {
          code: "service-tunnel-unknown",
          message: `tunnel "${service.tunnel}" is not named in the stack file ${stack.file}`,
          hint: names.length ? `known tunnels: ${names.join(", ")}; or add it under \`tunnels:\` in ${stack.file}` : `add \`tunnels: { ${service.tunnel}: {} }\` to ${stack.file}`,
        },
        locate(service, "tunnel"),
      );
    }
  },
};

export const pathRegexRule: StateRule = {
  name: "service-path-regex",
  check({ state, locate }, report) {
    for (const service of state.services) {
      if (service.path === undefined) continue;
      try {
        new RegExp(service.path);
      } catch (error) {
        const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, "") : String(error);
        report({ code: "service-invalid-path", message: `path is not a valid regular expression: ${reason}`, hint: "cloudflared matches `path` as a regular expression, e.g. ^/api/" }, locate(service, "path"));
      }
    }
  },
};
