// Checks of an Access rule list, at the item or value they are about: the type is one cf-gitops
// knows (the error names them all), one type per item, values Cloudflare accepts, groups that have
// a file, and no "any of" in require (Access ANDs require rules: a request comes from one country,
// so `country: [DE, NL]` there would let no one in; Cloudflare's own answer is a group).
import { didYouMean } from "../../../desired-state/did-you-mean.ts";
import type { Locate, Report } from "../../kind.ts";
import { accessRuleTypes, isAccessRuleType, valuePath, type AccessRuleSpec } from "./rules.ts";
import { accessCidr } from "./values.ts";
import { canonicalIp } from "../../list/normalise.ts";

export interface RuleListContext {
  /** The list's name as written: allow, require, deny, include, exclude. */
  list: string;
  /** Whether Access ANDs the list's rules (require). */
  every: boolean;
  /** The groups that have a file. */
  groups: ReadonlySet<string>;
  /** Who uses the list, for messages: `service "grafana"`, `group "family"`. */
  owner: string;
  locate: Locate;
  report: Report;
}

const emailPattern = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const domainPattern = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
/** Selectors a request or a person has one value of at a time. */
const singleValued = new Set(["email", "email_domain", "country", "ip", "service_token", "login_method"]);

export const supportedTypes = `${accessRuleTypes.slice(0, -1).join(", ")} and ${accessRuleTypes.at(-1)!}`;

function valueProblem(type: string, value: string): { code: string; message: string; hint?: string } | undefined {
  if (type === "email" && !emailPattern.test(value.trim())) return { code: "access-email-invalid", message: `"${value}" is not an e-mail address`, hint: "e.g. me@example.com; a whole domain is email_domain: example.com" };
  if (type === "email_domain" && !domainPattern.test(value.trim().replace(/^@/, ""))) return { code: "access-domain-invalid", message: `"${value}" is not a domain`, hint: "e.g. email_domain: example.org (everyone whose address ends in @example.org)" };
  if (type === "ip") {
    const ip = canonicalIp(value);
    if (!ip) return { code: "access-ip-invalid", message: `"${value}" is not an IP address or CIDR`, hint: "e.g. 198.51.100.0/24 or 2001:db8::/48" };
    if (ip.hostBits) return { code: "access-ip-invalid", message: `${value} has host bits set`, hint: `did you mean ${accessCidr(value)}?` };
  }
  return undefined;
}

export function checkRuleList(rules: readonly AccessRuleSpec[], ctx: RuleListContext): void {
  for (const rule of rules) {
    if (!isAccessRuleType(rule.type)) {
      const guess = didYouMean(rule.type, accessRuleTypes);
      ctx.report({ code: "access-rule-unknown", message: `unknown Access rule type "${rule.type}" in ${ctx.list}`, hint: `${guess ? `did you mean "${guess}"? ` : ""}cf-gitops supports ${supportedTypes}` }, ctx.locate(rule));
      continue;
    }
    if (rule.extra.length > 0) {
      ctx.report({ code: "access-rule-one-type", message: `a rule has one type; this item has ${[rule.type, ...rule.extra].join(" and ")}`, hint: `write each as its own item of ${ctx.list}: - ${rule.type}: ... and - ${rule.extra[0]}: ...` }, ctx.locate(rule));
      continue;
    }
    if (ctx.every && rule.values.length > 1 && singleValued.has(rule.type)) {
      ctx.report(
        {
          code: "access-require-any-of",
          message: `${ctx.list}: every rule must hold, so ${rule.type}: [${rule.values.join(", ")}] would let no one in (a request has one ${rule.type.replace("_", " ")})`,
          hint: `to require one of several, list them in a group's include (desired-state/access/groups/<name>.yaml) and write - group: <name> here`,
        },
        ctx.locate(rule),
      );
    }
    rule.values.forEach((value, index) => {
      const at = () => {
        const path = valuePath(rule, index);
        return path ? ctx.locate(rule, path) : ctx.locate(rule);
      };
      const problem = valueProblem(rule.type, value);
      if (problem) ctx.report(problem, at());
      if (rule.type === "group" && !ctx.groups.has(value)) {
        const guess = didYouMean(value, [...ctx.groups]);
        ctx.report(
          {
            code: "access-group-unknown",
            message: `${ctx.owner} uses group "${value}", which does not exist`,
            hint: `${guess ? `did you mean "${guess}"? ` : ""}a group is a file desired-state/access/groups/${value}.yaml (group: ${value}, include: [...])${ctx.groups.size ? `; known groups: ${[...ctx.groups].sort().join(", ")}` : ""}`,
          },
          at(),
        );
      }
    });
  }
}
