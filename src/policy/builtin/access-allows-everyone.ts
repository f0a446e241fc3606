// `everyone` in Access means anyone who can log in with any of the account's login methods; with
// the one-time PIN method (on by default) that is anyone with an e-mail address. On a service that
// is not declared public it is almost always a mistake: name the people, or say public: true.
import type { DesiredState } from "../../desired-state/types.ts";
import { definePolicy, noParams } from "../define-policy.ts";
import type { Finding } from "../types.ts";

/** The group through which `everyone` comes in ("" when it is in the list itself), or undefined. */
function everyoneVia(rules: readonly { type: string; values: string[] }[], desired: DesiredState, seen: Set<string>): string | undefined {
  if (rules.some((rule) => rule.type === "everyone")) return "";
  for (const name of rules.filter((rule) => rule.type === "group").flatMap((rule) => rule.values)) {
    if (seen.has(name)) continue;
    seen.add(name);
    const group = (desired.accessGroups ?? []).find((candidate) => candidate.group === name);
    if (group && everyoneVia(group.include, desired, seen) !== undefined) return name;
  }
  return undefined;
}

export const accessAllowsEveryone = definePolicy({
  id: "access-allows-everyone",
  description: "A service behind Access does not let everyone in (allow: everyone, directly or through a group)",
  level: "mandatory",
  remediation: "name who may come in (email, email_domain, group), or write access: { public: true } if the service is meant to be open",
  paramsSchema: noParams,
  checkState(desired) {
    const findings: Finding[] = [];
    for (const service of desired.services) {
      const block = service.access;
      if (!block || block.public) continue;
      const via = everyoneVia(block.allow, desired, new Set());
      if (via === undefined) continue;
      findings.push({
        resource: `services/${service.service}`,
        message: `service ${service.service} lets everyone in${via ? ` (group ${via} includes everyone)` : ""}: anyone who can log in with any login method, e.g. a one-time PIN to any e-mail address`,
        source: block.source,
      });
    }
    return findings;
  },
});
