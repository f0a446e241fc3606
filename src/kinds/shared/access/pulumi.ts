// Access rules in the Pulumi provider's shape (camelCase: emailDomain, geo.countryCode,
// serviceToken.tokenId, loginMethod.id), and back. The provider's state names groups, service
// tokens and login methods by id only; a state is read back by pairing each id with the desired
// rule of the same type in the same place (the program sends them in the desired order), so an
// unchanged object reads back as git, and one whose rules changed shows the ids that differ.
import type { Input } from "@pulumi/pulumi";
import { isNamedType, namedTypes, ruleFromApi, sortRules, type AccessRuleValue, type NamedType, type NameOf } from "./values.ts";

const toPulumi: Record<string, string> = { email_domain: "emailDomain", service_token: "serviceToken", login_method: "loginMethod" };
const fromPulumi: Record<string, string> = { emailDomain: "email_domain", serviceToken: "service_token", loginMethod: "login_method" };

/** A rule as the provider's inputs take it; `idOf` gives a name's id (an Output for objects declared in the program). */
export function ruleToPulumi(rule: AccessRuleValue, idOf: (type: NamedType, name: string) => Input<string> | undefined): Record<string, unknown> {
  const [type, value] = Object.entries(rule)[0]!;
  const text = String(value);
  if (type === "email") return { email: { email: text } };
  if (type === "email_domain") return { emailDomain: { domain: text } };
  if (type === "everyone") return { everyone: {} };
  if (type === "ip") return { ip: { ip: text } };
  if (type === "country") return { geo: { countryCode: text } };
  if (isNamedType(type)) {
    const field = namedTypes[type] === "token_id" ? "tokenId" : "id";
    return { [toPulumi[type] ?? type]: { [field]: idOf(type, text) ?? text } };
  }
  return {};
}

/** One rule of a state (inputs or outputs; unset union members are null) -> the API's shape. */
export function pulumiRuleToApi(rule: Record<string, unknown>): Record<string, unknown> {
  const [key, body] = Object.entries(rule).find(([, value]) => value !== null && value !== undefined) ?? ["unknown", {}];
  const inner = (body ?? {}) as Record<string, unknown>;
  if (key === "emailDomain") return { email_domain: { domain: inner.domain } };
  if (key === "geo") return { geo: { country_code: inner.countryCode } };
  if (key === "serviceToken") return { service_token: { token_id: inner.tokenId } };
  return { [fromPulumi[key] ?? key]: inner };
}

/** Names for the ids of a state's rules: the n-th id of a type is the n-th desired name of that type. */
export function namesByPlace(state: readonly Record<string, unknown>[], desired: readonly AccessRuleValue[]): NameOf {
  const names = new Map<string, string>();
  for (const type of Object.keys(namedTypes) as NamedType[]) {
    const ids = state.filter((rule) => type in rule).map((rule) => String(Object.values(rule[type] as Record<string, unknown>)[0] ?? ""));
    const wanted = desired.filter((rule) => type in rule).map((rule) => String(rule[type]));
    if (ids.length === wanted.length) ids.forEach((id, index) => names.set(`${type}\u0000${id}`, wanted[index]!));
  }
  return (type, id) => names.get(`${type}\u0000${id}`);
}

/** A state's rule list (Pulumi shape) -> rule values, ids named after the desired rules where they pair. */
export function rulesFromPulumi(state: unknown, desired: readonly AccessRuleValue[]): AccessRuleValue[] {
  const rules = (Array.isArray(state) ? state : []).filter((rule): rule is Record<string, unknown> => typeof rule === "object" && rule !== null).map(pulumiRuleToApi);
  const nameOf = namesByPlace(rules, desired);
  return sortRules(rules.map((rule) => ruleFromApi(rule, nameOf)));
}
