// JSON Schema of an Access group file (desired-state/access/groups/<name>.yaml).
import type { JsonSchema } from "../kind.ts";
import { ruleListSchema } from "../shared/access/rules.ts";

export const accessGroupSchema: JsonSchema = {
  title: "Access group",
  type: "object",
  additionalProperties: false,
  required: ["group"],
  properties: {
    group: { description: "The group's name, as services' `group:` rules and the dashboard name it; the file is named after it (lower case, spaces as -).", type: "string", minLength: 1, maxLength: 100 },
    read_only: { description: "Managed outside cf-gitops: rules may name it, cf-gitops never changes or deletes it (no rules here).", type: "boolean" },
    include: ruleListSchema("Any one of these makes a person a member (required unless read_only)."),
    exclude: ruleListSchema("None of these may hold."),
    require: ruleListSchema("Every one of these must also hold."),
  },
};
