// Access applications: a self_hosted application for each service whose file has an access: block
// (its rules are the service's Access policy, access-policy). Created before the service's DNS
// record and ingress rule, deleted after them: a hostname is never reachable without its gate.
import type { EmbeddedPlacement, KindDefinition } from "../kind.ts";
import type { TunnelServiceSpec } from "../tunnel-service/spec.ts";
import { expandApplications, ownsApplication } from "./expand.ts";
import { accessHostnameRule } from "./rules.ts";
import { accessApplicationSchema } from "./schema.ts";
import { accessApplicationKindId, accessApplicationPlacement } from "./spec.ts";

export const accessApplicationKind: KindDefinition<typeof accessApplicationKindId, EmbeddedPlacement<TunnelServiceSpec>> = {
  id: accessApplicationKindId,
  title: "Access application",
  plural: "Access applications",
  placement: accessApplicationPlacement,
  schema: accessApplicationSchema,
  zoneRules: [],
  stateRules: [accessHostnameRule],
  expand: (state, _ctx, out) => expandApplications(state, out),
  owns: ownsApplication,
  applyOrder: 0.7,
  referencedByZones: true,
  group: "Access",
  permissions: [{ scope: "Account", group: "Access: Apps and Policies" }],
  docs: {
    model: "a key in another kind's files",
    what: "Cloudflare Access applications: a login in front of a service's hostname (`access:` in its file)",
    owns: [["`access:` in a service file (once one has it)", "the self_hosted applications at hostnames with `access:` (`public: true` removes one), and those using only cf-gitops' policies", "every other application"]],
    pulumi: [["a service's `access:`", "`cloudflare.ZeroTrustAccessApplication` (self_hosted; import id `accounts/<account_id>/<app_id>`) linking its policy; the tunnel's configuration depends on it", "`access/apps/grafana.example.com`"]],
    ids: [["Access application", "`access/apps/<hostname>`"]],
    calls: "Access applications (with their policies inline)",
    importNone: "`import --access` writes an `access:` block only into service files whose hostname has an Access application",
  },
  modules: { native: () => import("./native.ts"), pulumi: () => import("./pulumi.ts"), conformance: () => import("./conformance.ts") },
};
