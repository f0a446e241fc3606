// Services with an access: block -> one self_hosted application each, for the service's hostname.
// Any access: block claims the account's applications, of which cf-gitops owns those at a hostname
// a service file declares access for (public: true removes one made elsewhere) and those that use
// only its own policies (the application of a removed service); other applications are left alone.
import type { DesiredState } from "../../desired-state/types.ts";
import type { Resource } from "../../plan/resources.ts";
import type { ExpandOutput } from "../kind.ts";
import { accessScope, serviceOfPolicy } from "../shared/access/names.ts";
import { accessApplicationKindId, applicationFromService, appId, type AccessApplicationValue } from "./normalise.ts";

export interface ApplicationClaim {
  /** Hostnames whose access: block says who may reach them (rules or public). */
  hostnames: string[];
}

export function applicationResource(value: AccessApplicationValue): Resource {
  const id = appId(value.domain);
  return { kind: accessApplicationKindId, key: id, id, scope: accessScope, value: { ...value } };
}

export function expandApplications(state: DesiredState, out: ExpandOutput): void {
  const declared = state.services.filter((service) => service.access);
  if (declared.length === 0) return;
  const claim: ApplicationClaim = { hostnames: [...new Set(declared.map((service) => service.hostname))].sort() };
  out.claim(accessApplicationKindId, accessScope, claim);
  for (const service of declared) {
    const value = applicationFromService(service);
    if (!value) continue;
    const resource = applicationResource(value);
    resource.source = service.access!.source;
    out.resources.push(resource);
  }
}

export function ownsApplication(resource: Resource, detail: unknown): boolean {
  const value = resource.value as AccessApplicationValue;
  if ((detail as ApplicationClaim | undefined)?.hostnames.includes(value.domain)) return true;
  return value.policies.length > 0 && value.policies.every((name) => serviceOfPolicy(name) !== undefined);
}
