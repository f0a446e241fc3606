// Access rules as the YAML writes them (a service's allow/require/deny, a group's include/require/
// exclude): one type per item, one value or a list of values. The types are the selectors people
// use, each checked against Cloudflare's API (access_rule in the API schema; SDK AccessRule):
// email { email }, email_domain { domain }, everyone {}, ip { ip: CIDR }, geo { country_code },
// group { id }, service_token { token_id }, login_method { id }.
import type { SourceLocation } from "../../../desired-state/types.ts";
import type { BuildContext, JsonSchema } from "../../kind.ts";
import { isRecord } from "../../kind.ts";

export const accessRuleTypes = ["email", "email_domain", "everyone", "ip", "country", "group", "service_token", "login_method"] as const;
export type AccessRuleType = (typeof accessRuleTypes)[number];

export function isAccessRuleType(type: string): type is AccessRuleType {
  return (accessRuleTypes as readonly string[]).includes(type);
}

/** One item of a rule list, as written. */
export interface AccessRuleSpec {
  /** Its key (unknown ones are reported by the rules, with the supported types). */
  type: string;
  /** Its values: one API rule each ("true" for everyone). */
  values: string[];
  /** Whether the values were written as a list (for positions). */
  list: boolean;
  /** Keys besides `type` (an item has one). */
  extra: string[];
  source: SourceLocation;
}

const valueSchema = (description: string, pattern?: string): JsonSchema => {
  const one: JsonSchema = { type: "string", minLength: 1, ...(pattern && { pattern }) };
  return { description, anyOf: [one, { type: "array", minItems: 1, items: one }] };
};

/**
 * One rule. Unknown keys are left to the rules (`access-rule-unknown`), which name the supported
 * types; the schema lists them for editors.
 */
export const accessRuleSchema: JsonSchema = {
  anyOf: [
    { const: "everyone", description: "Anyone who logs in with any of the account's login methods." },
    {
      type: "object",
      minProperties: 1,
      properties: {
        email: valueSchema("An e-mail address (or a list): the person who logs in with it."),
        email_domain: valueSchema("Everyone whose e-mail address ends in this domain (e.g. example.org)."),
        everyone: { const: true, description: "Anyone who logs in with any of the account's login methods." },
        ip: valueSchema("An IP address or CIDR (or a list) the request comes from."),
        country: valueSchema("An ISO 3166-1 alpha-2 country code (or a list) the request comes from.", "^[A-Za-z]{2}$"),
        group: valueSchema("An Access group by name: a file in desired-state/access/groups/."),
        service_token: valueSchema("An Access service token by name (created in the dashboard; its secret is never read)."),
        login_method: valueSchema("A login method (identity provider) by its name in the dashboard, e.g. GitHub or One-time PIN."),
      },
    },
  ],
};

export function ruleListSchema(description: string): JsonSchema {
  return { description, type: "array", items: accessRuleSchema };
}

function valuesOf(raw: unknown): { values: string[]; list: boolean } {
  if (Array.isArray(raw)) return { values: raw.map((value) => String(value)), list: true };
  if (raw === true) return { values: ["true"], list: false };
  return { values: raw === undefined || raw === null ? [] : [String(raw)], list: false };
}

/** A rule list of a file's YAML (`path` is where it is) -> specs, each registered for the rules. */
export function buildRules(raw: unknown, path: (string | number)[], ctx: BuildContext): AccessRuleSpec[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item, index) => {
    const at = [...path, index];
    const source = ctx.at(at);
    let spec: AccessRuleSpec;
    if (item === "everyone") spec = { type: "everyone", values: ["true"], list: false, extra: [], source };
    else if (isRecord(item) && Object.keys(item).length > 0) {
      const [type, ...extra] = Object.keys(item);
      spec = { type: type!, ...valuesOf(item[type!]), extra, source };
    } else return [];
    ctx.register(spec, at, source);
    return [spec];
  });
}

/** Where one value of a rule is written (the item itself for `everyone`). */
export function valuePath(rule: AccessRuleSpec, index: number): (string | number)[] | undefined {
  if (rule.type === "everyone") return undefined;
  return rule.list ? [rule.type, index] : [rule.type];
}
