// An Access application has no file of its own: a service file's `access:` block declares it for
// the service's hostname. `import --access` writes the block back into the service files.
import type { EmbeddedPlacement } from "../kind.ts";
import { declaresApplication } from "../shared/access/block.ts";
import { zoneOf } from "../shared/names.ts";
import type { TunnelServiceSpec } from "../tunnel-service/spec.ts";
import { accessBlocksFromLive } from "./yaml.ts";
import { accessApplicationKindId } from "./normalise.ts";

export { accessApplicationKindId };

export const accessApplicationPlacement: EmbeddedPlacement<TunnelServiceSpec> = {
  scope: "embedded",
  host: "service",
  folder: "services",
  key: "access",
  description: "The `access:` block of a service file: a self_hosted Access application for the service's hostname.",
  all: (state) => state.services.filter((service) => declaresApplication(service.access)),
  zoneOf: (service, zones) => zoneOf(service.hostname, zones),
  import: { flag: "access", reads: { [accessApplicationKindId]: ["account"], "access-policy": ["account"] }, toBlocks: accessBlocksFromLive },
};
