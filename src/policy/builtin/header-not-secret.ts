// A header rule that sets a credential as a fixed value puts the secret in git (and in every plan,
// the history and the status page that show the rule): an Authorization header, a bearer token,
// an API key. Computed values (an expression) are not judged.
import picomatch from "picomatch";
import { phaseRuleId } from "../../kinds/shared/ruleset-phase/phase.ts";
import { definePolicy } from "../define-policy.ts";
import type { Finding } from "../types.ts";

export interface HeaderSecretParams {
  /** Header names (globs, any case) whose fixed value is a credential whatever it looks like. */
  names: string[];
  /** Header names (globs) allowed to carry a fixed value that looks like a credential. */
  allow: string[];
}

/** Values that look like credentials: an auth scheme with its token, well-known token formats, a JWT. */
const credentialValues: readonly [RegExp, string][] = [
  [/^(bearer|basic|token|digest|apikey|api-key)\s+\S{8,}/i, "an Authorization scheme with its credentials"],
  [/\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}|\bgithub_pat_[A-Za-z0-9_]{20,}/, "a GitHub token"],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}/, "a Slack token"],
  [/\b(sk|rk)_(live|test)_[A-Za-z0-9]{16,}/, "a Stripe key"],
  [/\bAKIA[0-9A-Z]{16}\b/, "an AWS access key id"],
  [/\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, "a JSON Web Token"],
];

interface HeaderRule {
  ref: string;
  enabled: boolean;
  set?: Record<string, { value?: string }>;
  add?: Record<string, { value?: string }>;
  source: Finding["source"];
}

export const headerNotSecret = definePolicy<HeaderSecretParams>({
  id: "header-not-secret",
  description: "Request and response header rules do not set a credential (Authorization, a bearer token, an API key) as a fixed value",
  level: "mandatory",
  remediation: "keep credentials out of git: set them in a Worker or at the origin, or compute the header with an expression; rotate any credential already committed",
  paramsSchema: {
    type: "object",
    properties: {
      names: { type: "array", items: { type: "string" }, default: ["authorization", "proxy-authorization", "x-api-key", "api-key", "x-auth-token", "*-api-key", "*-token", "*-secret", "*-password"] },
      allow: { type: "array", items: { type: "string" }, default: [] },
    },
    additionalProperties: false,
  },
  tightening: { names: "superset", allow: "subset" },
  checkState(desired, { params }) {
    const secretName = picomatch(params.names.length ? params.names : ["\0"], { nocase: true, dot: true });
    const allowed = picomatch(params.allow.length ? params.allow : ["\0"], { nocase: true, dot: true });
    const findings: Finding[] = [];
    for (const zone of desired.zones) {
      const lists: [string, string, HeaderRule[] | undefined][] = [["request_headers", "request header rule", zone.request_headers], ["response_headers", "response header rule", zone.response_headers]];
      for (const [key, noun, rules] of lists) {
        for (const rule of rules ?? []) {
          for (const operation of ["set", "add"] as const) {
            for (const [name, given] of Object.entries(rule[operation] ?? {})) {
              if (given.value === undefined || given.value === "" || allowed(name)) continue;
              const looks = credentialValues.find(([pattern]) => pattern.test(given.value!))?.[1];
              if (!looks && !secretName(name)) continue;
              findings.push({
                resource: phaseRuleId(zone.zone, key, rule.ref),
                message: `${noun} ${rule.ref} in ${zone.zone} ${operation === "set" ? "sets" : "adds"} ${name} to a fixed value that ${looks ? `looks like ${looks}` : "is a credential by its name"}: the secret is in git`,
                source: rule.source,
              });
            }
          }
        }
      }
    }
    return findings;
  },
});
