import type { KindDefinition } from "../kind.ts";
import { hostnameCollisionRule, hostnameUniqueRule, hostnameZoneRule, pathRegexRule, tunnelKnownRule } from "./rules.ts";
import { tunnelServiceSchema } from "./schema.ts";

export const tunnelServiceKind: KindDefinition = {
  id: "tunnel-service",
  title: "Tunnel service",
  schema: tunnelServiceSchema,
  zoneRules: [],
  stateRules: [hostnameZoneRule, hostnameUniqueRule, hostnameCollisionRule, tunnelKnownRule, pathRegexRule],
};
