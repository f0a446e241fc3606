// Access group files (desired-state/access/groups/<name>.yaml): an account-level group of people
// (Access's include, exclude and require), named by `group:` in services' access rules. A
// read_only group is declared only so that rules may name it; cf-gitops never changes it.
import type { SourceLocation } from "../../desired-state/types.ts";
import type { FilePlacement } from "../kind.ts";
import { buildRules, type AccessRuleSpec } from "../shared/access/rules.ts";
import { accessGroupKindId, groupFileStem } from "./normalise.ts";
import { groupFilesFromLive } from "./yaml.ts";

export { accessGroupKindId };

export interface AccessGroupSpec {
  group: string;
  include: AccessRuleSpec[];
  exclude: AccessRuleSpec[];
  require: AccessRuleSpec[];
  read_only: boolean;
  /** The rule keys written (a read_only group has none). */
  keys: string[];
  file: string;
  source: SourceLocation;
}

declare module "../../desired-state/types.ts" {
  interface DesiredState {
    /** Optional, so desired states built in code stay valid; the loader always sets it. */
    accessGroups?: AccessGroupSpec[];
  }
}

export const accessGroupPlacement: FilePlacement<AccessGroupSpec, "access-group"> = {
  scope: "file",
  file: "access-group",
  folder: "access/groups",
  nameKey: "group",
  description: "desired-state/access/groups/<name>.yaml: an Access group (include, exclude, require), named by `group:` in services' access rules.",
  init(state) {
    state.accessGroups = [];
  },
  build(raw, ctx) {
    if (ctx.failed()) return undefined;
    const source = ctx.at([]);
    const spec: AccessGroupSpec = {
      group: String(raw.group),
      include: buildRules(raw.include, ["include"], ctx),
      exclude: buildRules(raw.exclude, ["exclude"], ctx),
      require: buildRules(raw.require, ["require"], ctx),
      read_only: raw.read_only === true,
      keys: ["include", "exclude", "require"].filter((key) => key in raw),
      file: ctx.file,
      source,
    };
    ctx.register(spec, [], source);
    return spec;
  },
  add: (state, spec) => void (state.accessGroups ??= []).push(spec),
  all: (state) => state.accessGroups ?? [],
  nameOf: (spec) => ({ name: groupFileStem(spec.group), file: spec.file }),
  zoneOf: () => undefined,
  import: { flag: "access", scopes: ["account"], toFiles: groupFilesFromLive },
};
