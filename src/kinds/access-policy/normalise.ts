// A service's Access policy in one comparable form: a reusable policy (allow) named after the
// service, "grafana (cf-gitops)", with its include (the YAML's allow), require and exclude (deny).
import { declaresApplication } from "../shared/access/block.ts";
import { policyId, policyKey, servicePolicyName } from "../shared/access/names.ts";
import { rulesFromSpec, sortRules, type AccessRuleValue } from "../shared/access/values.ts";
import type { TunnelServiceSpec } from "../tunnel-service/spec.ts";

export const accessPolicyKindId = "access-policy" as const;

export interface AccessPolicyValue extends Record<string, unknown> {
  name: string;
  decision: string;
  include: AccessRuleValue[];
  require?: AccessRuleValue[];
  exclude?: AccessRuleValue[];
}

export function policyValue(name: string, decision: string, include: AccessRuleValue[], require: AccessRuleValue[] = [], exclude: AccessRuleValue[] = []): AccessPolicyValue {
  const value: AccessPolicyValue = { name, decision, include: sortRules(include) };
  if (require.length > 0) value.require = sortRules(require);
  if (exclude.length > 0) value.exclude = sortRules(exclude);
  return value;
}

/** The policy a service's access: block declares; undefined for none or public: true. */
export function policyFromService(service: TunnelServiceSpec): AccessPolicyValue | undefined {
  const block = service.access;
  if (!declaresApplication(block)) return undefined;
  return policyValue(servicePolicyName(service.service), "allow", rulesFromSpec(block.allow), rulesFromSpec(block.require), rulesFromSpec(block.deny));
}

export { policyId, policyKey };
