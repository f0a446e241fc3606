// Rule values back to YAML items (`import`): a type's values in one item as a list where Access ORs
// them (include, exclude), one item each where it ANDs them (require); `everyone` bare. Rules
// cf-gitops does not model (made in the dashboard) are left out and named.
import { isAccessRuleType } from "./rules.ts";
import type { AccessRuleValue } from "./values.ts";

export interface YamlRules {
  items: unknown[];
  /** Rule types left out (not modelled): "github-organization". */
  skipped: string[];
}

export function rulesToYaml(rules: readonly AccessRuleValue[], every: boolean): YamlRules {
  const items: unknown[] = [];
  const skipped: string[] = [];
  const byType = new Map<string, string[]>();
  for (const rule of rules) {
    const [type, value] = Object.entries(rule)[0]!;
    if (!isAccessRuleType(type)) skipped.push(type);
    else if (type === "everyone") items.push("everyone");
    else if (every) items.push({ [type]: String(value) });
    else byType.set(type, [...(byType.get(type) ?? []), String(value)]);
  }
  for (const [type, values] of byType) items.push({ [type]: values.length === 1 ? values[0] : values });
  return { items, skipped };
}
