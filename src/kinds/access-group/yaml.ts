// `cf-gitops import --access`: each live group as the file that declares it.
import type { ImportedFile } from "../kind.ts";
import type { Resource } from "../../plan/resources.ts";
import { rulesToYaml } from "../shared/access/yaml.ts";
import { groupFileStem, type AccessGroupValue } from "./normalise.ts";

export function groupFilesFromLive(live: Resource[]): ImportedFile[] {
  return live.map((resource) => {
    const value = resource.value as AccessGroupValue;
    const doc: Record<string, unknown> = { group: value.name };
    const skipped: string[] = [];
    for (const [key, rules, every] of [["include", value.include, false], ["exclude", value.exclude, false], ["require", value.require, true]] as const) {
      if (!rules || rules.length === 0) continue;
      const yaml = rulesToYaml(rules, every);
      skipped.push(...yaml.skipped);
      if (yaml.items.length > 0) doc[key] = yaml.items;
    }
    const count = value.include.length + (value.exclude?.length ?? 0) + (value.require?.length ?? 0);
    return {
      name: groupFileStem(value.name),
      doc,
      written: [resource],
      summary: `${count} rule(s)${skipped.length ? `; left out (not supported here): ${[...new Set(skipped)].join(", ")}` : ""}`,
    };
  });
}
