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
  modules: { native: () => import("./native.ts"), pulumi: () => import("./pulumi.ts"), conformance: () => import("./conformance.ts") },
};
