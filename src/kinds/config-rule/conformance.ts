// The configuration-rule part of the engine conformance suite: two rules; one's security level
// changed and one added; one removed; Rocket Loader turned on through the API as drift.
import type { KindScenario } from "../conformance.ts";

const rules = {
  admin: (level: string) => `  - { ref: admin-strict, description: no Rocket Loader on admin, expression: 'starts_with(http.request.uri.path, "/admin")', settings: { rocket_loader: false, security_level: ${level} } }`,
  contact: "  - { ref: contact, expression: '(http.request.uri.path eq \"/contact\")', settings: { email_obfuscation: true, bic: true } }",
  images: "  - { ref: images, expression: '(starts_with(http.request.uri.path, \"/img/\"))', settings: { polish: lossless } }",
};

export const scenario: KindScenario = {
  create: {
    zone: ["config_rules:", rules.admin("high"), rules.contact],
    expect: [
      "create config-rule example.com/config_rules/admin-strict [action,description,enabled,expression,ref,rocket_loader,security_level]",
      "create config-rule example.com/config_rules/contact [action,bic,email_obfuscation,enabled,expression,ref]",
    ],
  },
  update: {
    zone: ["config_rules:", rules.admin("under_attack"), rules.contact, rules.images],
    expect: ["update config-rule example.com/config_rules/admin-strict [security_level]", "create config-rule example.com/config_rules/images [action,enabled,expression,polish,ref]"],
  },
  remove: {
    zone: ["config_rules:", rules.admin("under_attack"), rules.images],
    expect: ["delete config-rule example.com/config_rules/contact [action,bic,email_obfuscation,enabled,expression,ref]"],
  },
  drift: {
    async edit(api) {
      const path = `/zones/${api.zoneId}/rulesets/phases/http_config_settings/entrypoint`;
      const ruleset = await api.request<{ rules: Record<string, unknown>[] }>("GET", path);
      const rules = ruleset.rules.map(({ id, ref, description, expression, action, enabled, action_parameters }) => ({
        id, ref, description, expression, action, enabled,
        action_parameters: ref === "admin-strict" ? { ...(action_parameters as object), rocket_loader: true } : action_parameters,
      }));
      await api.request("PUT", path, { rules });
    },
    expect: ["update config-rule example.com/config_rules/admin-strict [rocket_loader]"],
  },
};
