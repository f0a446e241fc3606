// Cloudflare Access: applications, reusable policies, groups, service tokens and identity
// providers (login methods), under /accounts/{account_id}/access/.
import { plainActions } from "../../audit/names.ts";
import type { EmulatorFamily } from "../family.ts";
import type { Router } from "../../router.ts";
import { addAppRoutes } from "./apps.ts";
import { addIdentityRoutes } from "./identities.ts";
import { addGroupRoutes, addPolicyRoutes } from "./policies.ts";
import { accessSlice } from "./slice.ts";

const apps = "cloudflare/resources/zero-trust/access/applications/applications.d.ts";
const policies = "cloudflare/resources/zero-trust/access/policies.d.ts";
const groups = "cloudflare/resources/zero-trust/access/groups.d.ts";
const tokens = "cloudflare/resources/zero-trust/access/service-tokens.d.ts";
const idps = "cloudflare/resources/zero-trust/identity-providers/identity-providers.d.ts";
const base = "/accounts/{account_id}/access";

export const accessFamily: EmulatorFamily = {
  name: "access",
  routes(router: Router) {
    addAppRoutes(router);
    addPolicyRoutes(router);
    addGroupRoutes(router);
    addIdentityRoutes(router);
  },
  slices: [accessSlice],
  audit: {
    access_application: { product: "access", type: "application", scope: "accounts", noun: "Access application", v1Type: "access_application", v1Actions: plainActions },
    access_policy: { product: "access", type: "policy", scope: "accounts", noun: "Access policy", v1Type: "access_policy", v1Actions: plainActions },
    access_group: { product: "access", type: "group", scope: "accounts", noun: "Access group", v1Type: "access_group", v1Actions: plainActions },
    access_service_token: { product: "access", type: "service_token", scope: "accounts", noun: "Access service token", v1Type: "access_service_token", v1Actions: plainActions },
    access_identity_provider: { product: "access", type: "identity_provider", scope: "accounts", noun: "identity provider", v1Type: "access_identity_provider", v1Actions: plainActions },
  },
  // not in the 2024 OpenAPI subset
  sdkTypes: {
    [`GET ${base}/apps`]: `ApplicationListResponse (${apps})`,
    [`POST ${base}/apps`]: `ApplicationCreateResponse (${apps})`,
    [`GET ${base}/apps/{app_id}`]: `ApplicationGetResponse (${apps})`,
    [`PUT ${base}/apps/{app_id}`]: `ApplicationUpdateResponse (${apps})`,
    [`DELETE ${base}/apps/{app_id}`]: `ApplicationDeleteResponse (${apps})`,
    [`GET ${base}/policies`]: `PolicyListResponse (${policies})`,
    [`POST ${base}/policies`]: `PolicyCreateResponse (${policies})`,
    [`GET ${base}/policies/{policy_id}`]: `PolicyGetResponse (${policies})`,
    [`PUT ${base}/policies/{policy_id}`]: `PolicyUpdateResponse (${policies})`,
    [`DELETE ${base}/policies/{policy_id}`]: `PolicyDeleteResponse (${policies})`,
    [`GET ${base}/groups`]: `GroupListResponse (${groups})`,
    [`POST ${base}/groups`]: `GroupCreateResponse (${groups})`,
    [`GET ${base}/groups/{group_id}`]: `GroupGetResponse (${groups})`,
    [`PUT ${base}/groups/{group_id}`]: `GroupUpdateResponse (${groups})`,
    [`DELETE ${base}/groups/{group_id}`]: `GroupDeleteResponse (${groups})`,
    [`GET ${base}/service_tokens`]: `ServiceToken (${tokens})`,
    [`POST ${base}/service_tokens`]: `ServiceTokenCreateResponse (${tokens})`,
    [`DELETE ${base}/service_tokens/{service_token_id}`]: `ServiceToken (${tokens})`,
    [`GET ${base}/identity_providers`]: `IdentityProviderListResponse (${idps})`,
    [`POST ${base}/identity_providers`]: `IdentityProvider (${idps})`,
    [`DELETE ${base}/identity_providers/{identity_provider_id}`]: `IdentityProviderDeleteResponse (${idps})`,
  },
  exercise: () => import("./exercise.ts"),
};
