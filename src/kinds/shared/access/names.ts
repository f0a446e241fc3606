// How cf-gitops names the Access objects it makes, and their ids in plans. A service's reusable
// policy carries "(cf-gitops)" in its name: that is how the native engine, which keeps no state,
// knows the policies (and the applications using only them) that it made and may delete.

export const accessScope = "account";

const ownSuffix = " (cf-gitops)";

/** The reusable policy of a service: "grafana (cf-gitops)". */
export function servicePolicyName(service: string): string {
  return `${service}${ownSuffix}`;
}

/** The service a policy name was made for, when cf-gitops made it. */
export function serviceOfPolicy(name: string): string | undefined {
  return name.endsWith(ownSuffix) ? name.slice(0, -ownSuffix.length) : undefined;
}

export function groupId(name: string): string {
  return `access/groups/${name}`;
}

/** A policy's change id: by service for cf-gitops' own, else by its name. */
export function policyId(name: string): string {
  return `access/policies/${serviceOfPolicy(name) ?? name}`;
}

/** A policy is matched by its whole name, so someone's own "grafana" policy is never ours. */
export function policyKey(name: string): string {
  return `access/policy-names/${name}`;
}

export function appId(domain: string): string {
  return `access/apps/${domain}`;
}
