// Access rules in request bodies, checked as Cloudflare checks them: each rule one selector of a
// known shape, and the groups, service tokens and login methods it names by id must exist.
import { fail } from "../../envelope.ts";
import type { AccessState, Rule } from "./slice.ts";

/** Cloudflare's generic Access validation error (access.api.error.invalid_request, code 12130). */
export function invalid(message: string): Error {
  return fail(400, 12130, `access.api.error.invalid_request: ${message}`);
}

const plain: Record<string, string | undefined> = { email: "email", email_domain: "domain", ip: "ip", geo: "country_code", everyone: undefined, any_valid_service_token: undefined, certificate: undefined };
const byId: Record<string, { field: string; exists(state: AccessState, id: string): boolean; noun: string }> = {
  group: { field: "id", exists: (state, id) => state.groups.some((group) => group.id === id), noun: "group" },
  service_token: { field: "token_id", exists: (state, id) => state.serviceTokens.some((token) => token.id === id), noun: "service token" },
  login_method: { field: "id", exists: (state, id) => state.identityProviders.some((idp) => idp.id === id), noun: "identity provider" },
};

/** A rule list of a body (`field` of it), checked; absent is an empty list. */
export function rulesOf(body: Record<string, unknown>, field: string, state: AccessState): Rule[] {
  const value = body[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid(`${field} must be a list of rules`);
  return value.map((rule, index) => {
    if (rule === null || typeof rule !== "object" || Array.isArray(rule) || Object.keys(rule).length !== 1) throw invalid(`${field}[${index}] must be an object with one rule type`);
    const [type, inner] = Object.entries(rule as Rule)[0]!;
    const fields = (inner ?? {}) as Record<string, unknown>;
    if (type in plain) {
      const required = plain[type];
      if (required && (typeof fields[required] !== "string" || fields[required] === "")) throw invalid(`${field}[${index}].${type}.${required} is required`);
      if (type === "geo" && !/^[A-Z]{2}$/.test(String(fields.country_code))) throw invalid(`${field}[${index}].geo.country_code must be an ISO 3166-1 alpha-2 code`);
      return { [type]: { ...fields } };
    }
    const named = byId[type];
    if (!named) return { [type]: { ...fields } }; // other selectors (identity providers' groups ...) are kept as sent
    const id = String(fields[named.field] ?? "");
    if (!named.exists(state, id)) throw fail(404, 12130, `access.api.error.not_found: ${named.noun} ${id} (in ${field}[${index}]) does not exist`);
    return { [type]: { [named.field]: id } };
  });
}

/** The ids rules name, of one type (groups, tokens, login methods). */
export function namedIds(rules: readonly Rule[], type: string): string[] {
  return rules.flatMap((rule) => {
    const inner = rule[type] as Record<string, unknown> | undefined;
    return inner ? [String(inner.id ?? inner.token_id ?? "")] : [];
  });
}
