// The redirect part of the engine conformance suite: two redirects (a fixed URL and one built by an
// expression); one's status code changed and one added; one removed; the target changed through the
// API as drift.
import type { KindScenario } from "../conformance.ts";

const rules = {
  www: (code: number) => `  - { ref: www-to-apex, description: www to apex, expression: '(http.host eq "www.example.com")', target_url: { expression: 'concat("https://example.com", http.request.uri.path)' }, status_code: ${code}, preserve_query_string: true }`,
  old: "  - { ref: old-blog, expression: '(starts_with(http.request.uri.path, \"/old-blog/\"))', target_url: { value: \"https://blog.example.com/\" }, status_code: 302 }",
  docs: "  - { ref: docs, expression: '(http.request.uri.path eq \"/docs\")', target_url: { value: \"https://docs.example.com/\" } }",
};

export const scenario: KindScenario = {
  create: {
    zone: ["redirects:", rules.www(301), rules.old],
    expect: [
      "create redirect-rule example.com/redirects/www-to-apex [action,description,enabled,expression,preserve_query_string,ref,status_code,target_url]",
      "create redirect-rule example.com/redirects/old-blog [action,enabled,expression,ref,status_code,target_url]",
    ],
  },
  update: {
    zone: ["redirects:", rules.www(308), rules.old, rules.docs],
    expect: ["update redirect-rule example.com/redirects/www-to-apex [status_code]", "create redirect-rule example.com/redirects/docs [action,enabled,expression,ref,status_code,target_url]"],
  },
  remove: {
    zone: ["redirects:", rules.www(308), rules.docs],
    expect: ["delete redirect-rule example.com/redirects/old-blog [action,enabled,expression,ref,status_code,target_url]"],
  },
  drift: {
    async edit(api) {
      const path = `/zones/${api.zoneId}/rulesets/phases/http_request_dynamic_redirect/entrypoint`;
      const ruleset = await api.request<{ rules: Record<string, unknown>[] }>("GET", path);
      const rules = ruleset.rules.map(({ id, ref, description, expression, action, enabled, action_parameters }) => ({
        id, ref, description, expression, action, enabled,
        action_parameters: ref === "docs" ? { from_value: { target_url: { value: "https://example.org/docs" }, status_code: 301 } } : action_parameters,
      }));
      await api.request("PUT", path, { rules });
    },
    expect: ["update redirect-rule example.com/redirects/docs [target_url]"],
  },
};
