// The JSON Schema every ruleset-phase rule shares: ref (its identity), description and expression
// first, the kind's own fields, then enabled. Each kind says what its expression selects.
import type { JsonSchema } from "../../kind.ts";
import { markPhaseRuleSchema } from "./merge.ts";

export interface PhaseRuleSchemaInput {
  title: string;
  /** What the expression selects, for its description ("Which requests are counted"). */
  expression: string;
  /** The kind's own properties, in the order the schema lists them. */
  properties: Record<string, JsonSchema>;
  /** Which of them are required (ref and expression always are). */
  required?: string[];
}

/** Profiles merge a list of these by concatenation, named by `ref` (./merge.ts). */
export function phaseRuleSchema(input: PhaseRuleSchemaInput): JsonSchema {
  const properties = {
    ref: { description: "Stable identity of the rule; renaming it replaces the rule.", type: "string", pattern: "^[a-z0-9][a-z0-9_-]{0,63}$" },
    description: { type: "string", maxLength: 500 },
    expression: { description: input.expression, type: "string", minLength: 1, maxLength: 4096 },
    ...input.properties,
    enabled: { description: "Default true.", type: "boolean" },
  };
  markPhaseRuleSchema(properties);
  return { title: input.title, type: "object", additionalProperties: false, required: ["ref", "expression", ...(input.required ?? [])], properties };
}
