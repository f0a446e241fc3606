// The JSON Schema of policies/policy.yaml, generated from the registry so editors know every
// built-in policy's params. schemas/policy.schema.json is this, written by write-schema.ts.
import { paramsSchemaOf } from "./define-policy.ts";
import { builtinPolicies } from "./registry.ts";
import { enforcementLevels, type AnyPolicy, type JsonSchema } from "./types.ts";

function policyEntry(policy: AnyPolicy): JsonSchema {
  return {
    type: "object",
    description: `${policy.description} (default level: ${policy.level ?? "policy.yaml's default"})`,
    properties: { level: { $ref: "#/definitions/level" }, params: paramsSchemaOf(policy) },
    additionalProperties: false,
  };
}

export function buildPolicyConfigSchema(policies: readonly AnyPolicy[] = builtinPolicies): JsonSchema {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "cf-gitops policy configuration (policies/policy.yaml)",
    description: "Enforcement levels, parameters and exemptions for cf-gitops policies. See docs/policies.md.",
    type: "object",
    additionalProperties: false,
    properties: {
      default: { $ref: "#/definitions/level", description: "Level for every policy not listed under policies (else each policy's own default)." },
      policies: {
        type: "object",
        description: "Per-policy level and params, keyed by policy id. Custom policies (policies/*.ts) use their own ids.",
        properties: Object.fromEntries(policies.map((p) => [p.id, policyEntry(p)])),
        additionalProperties: {
          type: "object",
          properties: { level: { $ref: "#/definitions/level" }, params: { type: "object" } },
          additionalProperties: false,
        },
      },
      exemptions: {
        type: "array",
        description: "Resources a policy does not apply to. An expired exemption stops applying and is reported as a warning.",
        items: {
          type: "object",
          required: ["policy", "resource", "reason"],
          properties: {
            policy: { type: "string", description: "Policy id", examples: policies.map((p) => p.id) },
            resource: { type: "string", minLength: 1, description: "Resource id, a glob, or a leading part of ids: example.com, example.com/dns/www/*, example.com/firewall/block-bots" },
            reason: { type: "string", minLength: 1, description: "Why the exemption is acceptable" },
            expires: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "Last day the exemption applies (YYYY-MM-DD, UTC)" },
          },
          additionalProperties: false,
        },
      },
    },
    definitions: { level: { enum: [...enforcementLevels], description: "advisory: warn; mandatory: block; disabled: do not run" } },
  };
}

export const policyConfigSchema = buildPolicyConfigSchema();

export function renderPolicyConfigSchema(): string {
  return `${JSON.stringify(policyConfigSchema, null, 2)}\n`;
}
