// The rulesets family's stored entrypoint rulesets, shaped as Cloudflare returns them.

export interface RulesetRule {
  id: string;
  version: string;
  last_updated: string;
  action: string;
  expression: string;
  description?: string;
  enabled: boolean;
  ref: string;
  [field: string]: unknown;
}

export interface Ruleset {
  id: string;
  name: string;
  description: string;
  /** "zone" for a zone's entrypoints, "root" for an account's. */
  kind: "zone" | "root";
  phase: string;
  version: string;
  last_updated: string;
  rules: RulesetRule[];
}
