// Access rules in one comparable form, whatever wrote them: one object per API rule, named by the
// YAML's type ({ email }, { country }, { group: <name> }), sorted and without twins (include, exclude
// and require are sets: order means nothing to Access). Objects that the API names by id (groups,
// service tokens, login methods) are held by name; the engines turn names into ids.
import { canonicalIp } from "../../list/normalise.ts";
import { isAccessRuleType, type AccessRuleSpec, type AccessRuleType } from "./rules.ts";

/** One rule: { email: "me@example.com" }, { everyone: true }, { group: "family" }. */
export type AccessRuleValue = Record<string, string | true>;

/** The types whose API rule holds an id: what it names, and the API's field. */
export const namedTypes = { group: "id", service_token: "token_id", login_method: "id" } as const;
export type NamedType = keyof typeof namedTypes;

export function isNamedType(type: string): type is NamedType {
  return type in namedTypes;
}

/** An IP or CIDR with its prefix always written (198.51.100.7/32), as Access shows it. */
export function accessCidr(input: string): string | undefined {
  const ip = canonicalIp(input);
  if (!ip) return undefined;
  return ip.text.includes("/") ? ip.text : `${ip.text}/${ip.family === 4 ? 32 : 128}`;
}

/** One value of a type -> its canonical form (what both engines compare and send). */
export function canonicalValue(type: AccessRuleType, value: string): string | true {
  const text = value.trim();
  switch (type) {
    case "everyone":
      return true;
    case "email":
      return text.toLowerCase();
    case "email_domain":
      return text.replace(/^@/, "").toLowerCase();
    case "ip":
      return accessCidr(text) ?? text;
    case "country":
      return text.toUpperCase();
    default:
      return text;
  }
}

function ruleKey(rule: AccessRuleValue): string {
  const [type, value] = Object.entries(rule)[0] ?? ["", ""];
  return `${type}\u0000${String(value)}`;
}

/** Sorted by type and value, each once. */
export function sortRules(rules: AccessRuleValue[]): AccessRuleValue[] {
  const seen = new Map<string, AccessRuleValue>();
  for (const rule of rules) seen.set(ruleKey(rule), rule);
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, rule]) => rule);
}

/** The YAML's items -> rule values (unknown types are left to the rules' diagnostics). */
export function rulesFromSpec(specs: readonly AccessRuleSpec[]): AccessRuleValue[] {
  return sortRules(specs.flatMap((spec) => (isAccessRuleType(spec.type) ? spec.values.map((value) => ({ [spec.type]: canonicalValue(spec.type as AccessRuleType, value) })) : [])));
}

/** Turns a name into Cloudflare's id; undefined when it is not known (yet). */
export type IdOf = (type: NamedType, name: string) => string | undefined;
/** Turns an id into its name; undefined when it is not known. */
export type NameOf = (type: NamedType, id: string) => string | undefined;

/** A rule as the API takes it; a name without an id yet is kept as `{ group: { name } }` for the write to resolve. */
export function ruleToApi(rule: AccessRuleValue, idOf: IdOf): Record<string, unknown> {
  const [type, value] = Object.entries(rule)[0]!;
  const text = String(value);
  switch (type) {
    case "email":
      return { email: { email: text } };
    case "email_domain":
      return { email_domain: { domain: text } };
    case "everyone":
      return { everyone: {} };
    case "ip":
      return { ip: { ip: text } };
    case "country":
      return { geo: { country_code: text } };
    case "group":
    case "service_token":
    case "login_method": {
      const id = idOf(type, text);
      return { [type]: id === undefined ? { name: text } : { [namedTypes[type]]: id } };
    }
    default:
      return JSON.parse(text) as Record<string, unknown>; // a rule cf-gitops does not model, as it was read
  }
}

/** A rule as the API returns it -> its value; a type cf-gitops does not model keeps its JSON. */
export function ruleFromApi(rule: Record<string, unknown>, nameOf: NameOf): AccessRuleValue {
  const [type, body] = Object.entries(rule)[0] ?? ["unknown", {}];
  const field = (key: string) => String((body as Record<string, unknown> | null)?.[key] ?? "");
  switch (type) {
    case "email":
      return { email: field("email").toLowerCase() };
    case "email_domain":
      return { email_domain: field("domain").replace(/^@/, "").toLowerCase() };
    case "everyone":
      return { everyone: true };
    case "ip":
      return { ip: accessCidr(field("ip")) ?? field("ip") };
    case "geo":
      return { country: field("country_code").toUpperCase() };
    case "group":
    case "service_token":
    case "login_method": {
      const id = field(namedTypes[type]);
      return { [type]: nameOf(type, id) ?? id };
    }
    default:
      return { [type]: JSON.stringify(rule) };
  }
}

/** The values of a rule list that cf-gitops does not model (made in the dashboard), for import's notes. */
export function unmodelled(rules: readonly AccessRuleValue[]): AccessRuleValue[] {
  return rules.filter((rule) => !isAccessRuleType(Object.keys(rule)[0] ?? ""));
}
