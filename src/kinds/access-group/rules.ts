// Semantic rules for group files: each name once (and each file name), the rules checked like a
// service's (types, values, groups that exist, no "any of" in require), an include unless
// read_only, no rules in a read_only group, and no group that contains itself.
import type { DesiredState } from "../../desired-state/types.ts";
import type { StateRule } from "../kind.ts";
import { checkRuleList } from "../shared/access/checks.ts";
import { groupFileStem } from "./normalise.ts";
import type { AccessGroupSpec } from "./spec.ts";

const groups = (state: DesiredState) => state.accessGroups ?? [];

export const groupNamesRule: StateRule = {
  name: "access-group-names",
  check({ state, locate }, report) {
    const seen = new Map<string, AccessGroupSpec>();
    for (const group of groups(state)) {
      const key = groupFileStem(group.group);
      const first = seen.get(key);
      if (first) report({ code: "access-group-duplicate", message: `group "${group.group}" is already declared in ${first.file}`, hint: "keep each group in one file (names that differ only in case or spaces share a file name)" }, locate(group, "group"));
      else seen.set(key, group);
    }
  },
};

export const groupRulesRule: StateRule = {
  name: "access-group-rules",
  check({ state, locate }, report) {
    const names = new Set(groups(state).map((group) => group.group));
    for (const group of groups(state)) {
      if (group.read_only) {
        if (group.keys.length > 0) report({ code: "access-group-read-only-rules", message: `group "${group.group}" is read_only, so cf-gitops does not manage its rules`, hint: "remove its rules (or read_only: true to manage the group here)" }, locate(group, group.keys[0]));
        continue;
      }
      if (group.include.length === 0) {
        report({ code: "access-group-no-include", message: `group "${group.group}" has no include rules; Access needs at least one`, hint: "add include: [- email: you@example.com], or read_only: true for a group made in the dashboard" }, locate(group, "group"));
      }
      const owner = `group "${group.group}"`;
      for (const list of ["include", "exclude", "require"] as const) {
        checkRuleList(group[list], { list, every: list === "require", groups: names, owner, locate, report });
      }
    }
  },
};

/** Groups naming each other in a ring (family -> friends -> family) never resolve; Access refuses them. */
export const groupCycleRule: StateRule = {
  name: "access-group-cycle",
  check({ state, locate }, report) {
    const byName = new Map(groups(state).map((group) => [group.group, group]));
    const uses = (group: AccessGroupSpec) => [...group.include, ...group.exclude, ...group.require].filter((rule) => rule.type === "group").flatMap((rule) => rule.values);
    for (const group of groups(state)) {
      const path = [group.group];
      const walk = (name: string): boolean => {
        for (const next of uses(byName.get(name)!)) {
          if (next === group.group) return true;
          if (path.includes(next) || !byName.has(next)) continue;
          path.push(next);
          if (walk(next)) return true;
          path.pop();
        }
        return false;
      };
      if (walk(group.group)) report({ code: "access-group-cycle", message: `group "${group.group}" contains itself: ${[...path, group.group].join(" -> ")}`, hint: "a group may name other groups, but not in a ring" }, locate(group, "group"));
    }
  },
};
