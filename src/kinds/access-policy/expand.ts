// Services with an access: block -> one reusable policy each. Any access: block (public: true too)
// claims the account's policies, of which cf-gitops owns only those it names "<service> (cf-gitops)":
// the policy of a service that was removed or made public is deleted, anyone else's is left alone.
import type { DesiredState } from "../../desired-state/types.ts";
import type { Resource } from "../../plan/resources.ts";
import type { ExpandOutput } from "../kind.ts";
import { accessScope, serviceOfPolicy } from "../shared/access/names.ts";
import { accessPolicyKindId, policyFromService, policyId, policyKey, type AccessPolicyValue } from "./normalise.ts";

export function policyResource(value: AccessPolicyValue): Resource {
  return { kind: accessPolicyKindId, key: policyKey(value.name), id: policyId(value.name), scope: accessScope, value: { ...value } };
}

export function expandPolicies(state: DesiredState, out: ExpandOutput): void {
  if (!state.services.some((service) => service.access)) return;
  out.claim(accessPolicyKindId, accessScope);
  for (const service of state.services) {
    const value = policyFromService(service);
    if (!value) continue;
    const resource = policyResource(value);
    resource.source = service.access!.source;
    out.resources.push(resource);
  }
}

/** Only the policies cf-gitops made (by their name) are its to delete. */
export function ownsPolicy(resource: Resource): boolean {
  return serviceOfPolicy(String(resource.value.name)) !== undefined;
}
