// Comparable forms shared by the ruleset-phase kinds (WAF custom rules, rate limits, cache rules,
// redirects): rules are identified by `ref`; Cloudflare's id, version and
// last_updated are bookkeeping, not configuration, and never compared.

/** The fields every rule of a phase has, as compared. */
export interface PhaseRuleValue {
  ref: string;
  description?: string;
  expression: string;
  action: string;
  action_parameters?: Record<string, unknown>;
  enabled: boolean;
}

/** Collapses whitespace outside quoted strings, so YAML folding and indentation are not diffs. */
export function normaliseExpression(expression: string): string {
  let out = "";
  let quoted = false;
  let pendingSpace = false;
  for (let i = 0; i < expression.length; i++) {
    const char = expression[i]!;
    if (!quoted && /\s/.test(char)) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace) out += " ";
    pendingSpace = false;
    out += char;
    if (char === "\\" && quoted && i + 1 < expression.length) out += expression[++i];
    else if (char === '"') quoted = !quoted;
  }
  return out;
}

export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}

/** A rule from the YAML or from the API in one comparable form. */
export function phaseRuleValue(raw: { ref: string; description?: unknown; expression?: unknown; action?: unknown; action_parameters?: unknown; enabled?: unknown }): PhaseRuleValue {
  const value: PhaseRuleValue = {
    ref: raw.ref,
    expression: normaliseExpression(String(raw.expression ?? "")),
    action: String(raw.action ?? ""),
    enabled: raw.enabled !== false,
  };
  if (typeof raw.description === "string" && raw.description !== "") value.description = raw.description;
  const params = raw.action_parameters;
  if (typeof params === "object" && params !== null && Object.keys(params).length > 0) value.action_parameters = sortKeys(params) as Record<string, unknown>;
  return value;
}

/** A rule of the phase's entrypoint; one without a ref (made in the dashboard) is named by its id. */
export function phaseRuleFromApi(rule: Record<string, unknown>): PhaseRuleValue {
  const ref = typeof rule.ref === "string" && rule.ref !== "" ? rule.ref : String(rule.id ?? "");
  return phaseRuleValue({ ...rule, ref });
}

/**
 * A rule as `import` writes it back: ref, description and expression first, the kind's own fields
 * (in the order given, undefined ones left out), then `enabled: false` when it is off.
 */
export function phaseRuleYaml(value: PhaseRuleValue, fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ref: value.ref };
  if (value.description) out.description = value.description;
  out.expression = value.expression;
  for (const [key, field] of Object.entries(fields)) if (field !== undefined) out[key] = field;
  if (!value.enabled) out.enabled = false;
  return out;
}
