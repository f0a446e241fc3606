// Services published through Cloudflare Tunnel: files of their own, desired-state/services/<service>.yaml.
import type { FilePlacement, KindDefinition } from "../kind.ts";
import { expandServices } from "./expand.ts";
import { hostnameCollisionRule, hostnameUniqueRule, hostnameZoneRule, pathRegexRule, tunnelKnownRule } from "./rules.ts";
import { tunnelServiceSchema } from "./schema.ts";
import { servicePlacement, tunnelServiceKindId, type TunnelServiceSpec } from "./spec.ts";

export const tunnelServiceKind: KindDefinition<typeof tunnelServiceKindId, FilePlacement<TunnelServiceSpec, "service">> = {
  id: tunnelServiceKindId,
  title: "Tunnel service",
  plural: "tunnel services",
  placement: servicePlacement,
  schema: tunnelServiceSchema,
  zoneRules: [],
  stateRules: [hostnameZoneRule, hostnameUniqueRule, hostnameCollisionRule, tunnelKnownRule, pathRegexRule],
  expand: expandServices,
  applyOrder: 4,
  group: "tunnel services",
  permissions: [{ scope: "Account", group: "Cloudflare Tunnel" }, { scope: "Zone", group: "DNS" }],
  docs: {
    model: "files of their own",
    what: "services published through Cloudflare Tunnel: the tunnel's ingress and a proxied CNAME",
    owns: [["a file in `desired-state/services/`", "the ingress of the tunnel it names (a `http_status:404` catch-all last), and its hostname's CNAME", "tunnels no service names"]],
    pulumi: [
      ["each tunnel the stack names", "one `cloudflare.ZeroTrustTunnelCloudflaredConfig` (ingress of every service on it, `http_status:404` last; only that catch-all when it has none)", "`tunnels/home-pi`"],
      ["each service's hostname", "a proxied `cloudflare.DnsRecord` CNAME to `<tunnel-id>.cfargotunnel.com`", "`example.com/dns/grafana/CNAME`"],
    ],
    ids: [["tunnel service", "`services/<service>`"]],
    calls: "tunnels by name, their configuration; the service's CNAME",
    importNone: "not imported (a service is written by hand)",
  },
  modules: { native: () => import("./native.ts"), pulumi: () => import("./pulumi.ts"), conformance: () => import("./conformance.ts") },
};
