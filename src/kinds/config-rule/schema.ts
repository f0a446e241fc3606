// JSON Schema of one configuration rule in a zone file's `config_rules:` list (phase
// http_config_settings, action set_config): the settings the API takes (developers.cloudflare.com/
// rules/configuration-rules/settings/ and the SDK's SetConfigRule), each with its type.
import type { JsonSchema } from "../kind.ts";
import { phaseRuleSchema } from "../shared/ruleset-phase/schema.ts";

const on: JsonSchema = { type: "boolean" };
/** Settings that only turn something off: `true` is their one value. */
const offOnly: JsonSchema = { const: true };

/** Every setting a configuration rule may set, with its schema (Auto Minify, deprecated by Cloudflare in 2024, is left out). */
export const configSettings: Readonly<Record<string, JsonSchema>> = {
  automatic_https_rewrites: { ...on, description: "Automatic HTTPS Rewrites." },
  bic: { ...on, description: "Browser Integrity Check." },
  content_converter: { ...on, description: "Markdown for Agents (content conversion)." },
  disable_apps: { ...offOnly, description: "Turn off Cloudflare Apps." },
  disable_rum: { ...offOnly, description: "Turn off Web Analytics (RUM)." },
  disable_zaraz: { ...offOnly, description: "Turn off Zaraz." },
  email_obfuscation: { ...on, description: "Email Address Obfuscation." },
  fonts: { ...on, description: "Cloudflare Fonts." },
  hotlink_protection: { ...on, description: "Hotlink Protection." },
  mirage: { ...on, description: "Mirage." },
  opportunistic_encryption: { ...on, description: "Opportunistic Encryption." },
  polish: { enum: ["off", "lossless", "lossy", "webp"], description: "Polish (image optimization)." },
  redirects_for_ai_training: { ...on, description: "Redirects for AI training crawlers." },
  request_body_buffering: { enum: ["none", "standard", "full"], description: "Request body buffering." },
  response_body_buffering: { enum: ["none", "standard"], description: "Response body buffering." },
  rocket_loader: { ...on, description: "Rocket Loader." },
  security_level: { enum: ["off", "essentially_off", "low", "medium", "high", "under_attack"], description: "Security Level." },
  server_side_excludes: { ...on, description: "Server-side Excludes." },
  ssl: { enum: ["off", "flexible", "full", "strict", "origin_pull"], description: "SSL/TLS encryption mode." },
  sxg: { ...on, description: "Signed Exchanges (SXG)." },
};

export const configSettingNames: readonly string[] = Object.keys(configSettings);

export const configRuleSchema: JsonSchema = phaseRuleSchema({
  title: "Configuration rule",
  expression: "Which requests get these settings (Rules language).",
  required: ["settings"],
  properties: {
    settings: {
      description: "The zone settings to override for matching requests.",
      type: "object",
      additionalProperties: false,
      minProperties: 1,
      properties: configSettings,
    },
  },
});
