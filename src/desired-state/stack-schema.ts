// JSON Schema of a stack file (stacks/<name>.yaml).
import type { JsonSchema } from "../kinds/kind.ts";

const envName = { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_]*$", description: "Name of an environment variable (never the secret itself)." };

export const stackSchema: JsonSchema = {
  title: "cf-gitops stack file",
  description: "stacks/<name>.yaml: which desired state goes to which account, with which engine and schedules.",
  type: "object",
  additionalProperties: false,
  properties: {
    description: { type: "string" },
    engine: { description: "pulumi (default) or native.", enum: ["pulumi", "native"] },
    account_id: { description: "Cloudflare account id; CLOUDFLARE_ACCOUNT_ID wins when set.", type: "string", pattern: "^[0-9a-f]{32}$" },
    api_token_env: {
      ...envName,
      description: "Name of the environment variable that holds this stack's API token (default CLOUDFLARE_API_TOKEN); never the token itself.",
    },
    desired_state: {
      type: "object",
      additionalProperties: false,
      properties: {
        dir: { description: "Default desired-state.", type: "string", minLength: 1 },
        include: { description: 'Globs relative to dir. Default ["**/*.yaml"].', type: "array", items: { type: "string", minLength: 1 }, minItems: 1 },
      },
    },
    tunnels: {
      description: "Tunnels the services may use, by name: `home-pi: {}` (looked up by name) or with `id`.",
      type: "object",
      additionalProperties: {
        anyOf: [
          { type: "null" },
          { type: "object", additionalProperties: false, properties: { id: { type: "string", pattern: "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$" } } },
        ],
      },
    },
    create_zones: { description: "Create zones missing from the account. Default false.", type: "boolean" },
    dns_batch_size: { description: "Records per DNS batch call. Default 200.", type: "integer", minimum: 1, maximum: 1000 },
    poll_interval: { description: "Seconds between git polls. Default 60.", type: "integer", minimum: 5, maximum: 86400 },
    schedules: {
      type: "object",
      additionalProperties: false,
      properties: {
        drift: { description: 'Cron expression. Default "*/15 * * * *".', type: "string", minLength: 9 },
        reapply: { description: "Cron expression for a periodic re-apply.", type: "string", minLength: 9 },
      },
    },
    drift_remediation: { description: "report (default) or apply.", enum: ["report", "apply"] },
    notify: {
      type: "object",
      additionalProperties: false,
      properties: {
        slack_webhook_env: envName,
        webhook_url_env: envName,
        webhook_secret_env: envName,
        email: {
          type: "object",
          additionalProperties: false,
          required: ["to", "from", "smtp_url_env"],
          properties: { to: { type: "array", items: { type: "string", minLength: 3 }, minItems: 1 }, from: { type: "string", minLength: 3 }, smtp_url_env: envName },
        },
        github_status: { description: "Post commit statuses when GITHUB_TOKEN is set. Default true.", type: "boolean" },
        repeat_after: { description: "Seconds before the same drift is announced again. Default 86400.", type: "integer", minimum: 0 },
      },
    },
    certificates: {
      type: "object",
      additionalProperties: false,
      properties: {
        enabled: { type: "boolean" },
        hostnames: { type: "array", items: { type: "string" } },
        port: { type: "integer", minimum: 1, maximum: 65535 },
      },
    },
    history: { type: "object", additionalProperties: false, properties: { retention_days: { type: "integer", minimum: 1 } } },
  },
};
