// Access policies: one reusable policy per service with an access: block, attached to its Access
// application (Cloudflare recommends reusable policies over application-scoped ones; ADR 31).
import type { EmbeddedPlacement, KindDefinition } from "../kind.ts";
import type { TunnelServiceSpec } from "../tunnel-service/spec.ts";
import { expandPolicies, ownsPolicy } from "./expand.ts";
import { accessBlockRule } from "./rules.ts";
import { accessPolicySchema } from "./schema.ts";
import { accessPolicyKindId, accessPolicyPlacement } from "./spec.ts";

export const accessPolicyKind: KindDefinition<typeof accessPolicyKindId, EmbeddedPlacement<TunnelServiceSpec>> = {
  id: accessPolicyKindId,
  title: "Access policy",
  plural: "Access policies",
  placement: accessPolicyPlacement,
  schema: accessPolicySchema,
  zoneRules: [],
  stateRules: [accessBlockRule],
  expand: (state, _ctx, out) => expandPolicies(state, out),
  owns: ownsPolicy,
  applyOrder: 0.6,
  referencedByZones: true,
  group: "Access",
  permissions: [
    { scope: "Account", group: "Access: Apps and Policies" },
    { scope: "Account", group: "Access: Organizations, Identity Providers, and Groups", readOnly: true },
    { scope: "Account", group: "Access: Service Tokens", readOnly: true },
  ],
  docs: {
    model: "a key in another kind's files",
    what: "Cloudflare Access policies: who a service lets in (allow, require, deny), one reusable policy per service",
    owns: [["`access:` in a service file (once one has it)", "the account's reusable policies named `<service> (cf-gitops)`", "every other policy"]],
    pulumi: [["a service's `access:` rules", "`cloudflare.ZeroTrustAccessPolicy` (reusable; import id `<account_id>/<policy_id>`), after the groups it names", "`access/policies/grafana`"]],
    ids: [["Access policy", "`access/policies/<service>`"]],
    calls: "reusable Access policies; groups, service tokens and login methods by name (read only)",
    importNone: "`import --access` writes an `access:` block only into service files whose hostname has an Access application",
  },
  modules: { native: () => import("./native.ts"), pulumi: () => import("./pulumi.ts"), conformance: () => import("./conformance.ts") },
};
