// One Access application per hostname: two services sharing a hostname (different paths) may not
// both declare access (Cloudflare refuses a second application for one domain).
import type { StateRule } from "../kind.ts";
import type { TunnelServiceSpec } from "../tunnel-service/spec.ts";

export const accessHostnameRule: StateRule = {
  name: "access-hostname-once",
  check({ state, locate }, report) {
    const first = new Map<string, TunnelServiceSpec>();
    for (const service of state.services) {
      if (!service.access) continue;
      const earlier = first.get(service.hostname);
      if (!earlier) {
        first.set(service.hostname, service);
        continue;
      }
      report(
        {
          code: "access-hostname-shared",
          message: `hostname ${service.hostname} already has its access: in service "${earlier.service}" (${earlier.file})`,
          hint: "an Access application covers the whole hostname: keep access: in one of the services that share it",
        },
        locate(service, "access"),
      );
    }
  },
};
