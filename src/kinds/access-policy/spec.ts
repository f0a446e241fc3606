// An Access policy has no file of its own: a service file's `access:` block declares it (allow,
// require, deny), with the service's Access application.
import type { EmbeddedPlacement } from "../kind.ts";
import { declaresApplication } from "../shared/access/block.ts";
import { zoneOf } from "../shared/names.ts";
import type { TunnelServiceSpec } from "../tunnel-service/spec.ts";

export { accessPolicyKindId } from "./normalise.ts";

export const accessPolicyPlacement: EmbeddedPlacement<TunnelServiceSpec> = {
  scope: "embedded",
  host: "service",
  folder: "services",
  key: "access",
  description: "The `access:` block of a service file (allow, require, deny): one reusable Access policy per service.",
  all: (state) => state.services.filter((service) => declaresApplication(service.access)),
  zoneOf: (service, zones) => zoneOf(service.hostname, zones),
};
