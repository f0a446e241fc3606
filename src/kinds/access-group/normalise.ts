// An Access group in one comparable form: its name and its rule sets (include, and exclude and
// require when not empty), whatever order or spelling the YAML or the API uses.
import { groupId } from "../shared/access/names.ts";
import { rulesFromSpec, sortRules, type AccessRuleValue } from "../shared/access/values.ts";
import type { AccessGroupSpec } from "./spec.ts";

export const accessGroupKindId = "access-group" as const;

export interface AccessGroupValue extends Record<string, unknown> {
  name: string;
  include: AccessRuleValue[];
  exclude?: AccessRuleValue[];
  require?: AccessRuleValue[];
}

export function groupValue(name: string, include: AccessRuleValue[], exclude: AccessRuleValue[] = [], require: AccessRuleValue[] = []): AccessGroupValue {
  const value: AccessGroupValue = { name, include: sortRules(include) };
  if (exclude.length > 0) value.exclude = sortRules(exclude);
  if (require.length > 0) value.require = sortRules(require);
  return value;
}

export function groupFromSpec(spec: AccessGroupSpec): AccessGroupValue {
  return groupValue(spec.group, rulesFromSpec(spec.include), rulesFromSpec(spec.exclude), rulesFromSpec(spec.require));
}

/** The file a group is written to: its name in lower case, letters, digits, _ . and - (spaces become -). */
export function groupFileStem(name: string): string {
  return name.trim().toLowerCase().replace(/[^a-z0-9_.-]+/g, "-").replace(/^-+|-+$/g, "") || "group";
}

export { groupId };
