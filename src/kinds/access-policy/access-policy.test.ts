// A service's access: block: each problem at the key or value it is about (unknown rule types name
// the supported ones, a group without a file, "any of" in require, public with rules, no allow),
// and the policy it expands to in the one form both engines compare (spellings and order aside).
import { describe, expect, it } from "vitest";
import { expandDesired } from "../../plan/expand.ts";
import { loadFiles, where } from "../shared/test-fixtures.ts";
import { canonicalDuration } from "../shared/access/duration.ts";

const zone = "zone: example.com\n";
const service = (...access: string[]) => ["service: app", "hostname: app.example.com", "origin: http://localhost:3000", "tunnel: home-pi", "access:", ...access, ""].join("\n");
const family = "group: family\ninclude:\n  - email: me@example.com\n";

async function problems(...access: string[]): Promise<string[]> {
  return where(await loadFiles({ "zones/example.com.yaml": zone, "services/app.yaml": service(...access), "access/groups/family.yaml": family }));
}

describe("access: blocks", () => {
  it("accepts every rule type, one value or a list each", async () => {
    expect(
      await problems(
        "  session_duration: 1h30m",
        "  allow:",
        "    - email: [me@example.com, Partner@Example.com]",
        "    - email_domain: '@example.org'",
        "    - group: family",
        "    - service_token: ci",
        "    - login_method: GitHub",
        "    - ip: 198.51.100.7",
        "  require:",
        "    - country: de",
        "  deny:",
        "    - everyone",
      ),
    ).toEqual([]);
  });

  it.each([
    ["an unknown rule type, naming the supported ones", ["  allow:", "    - emial: me@example.com"], '7:7 error access-rule-unknown: unknown Access rule type "emial" in allow'],
    ["two types in one item", ["  allow:", "    - { email: me@example.com, ip: 192.0.2.1 }"], "7:7 error access-rule-one-type: a rule has one type; this item has email and ip"],
    ["an address that is not one", ["  allow:", "    - email: me-at-example.com"], '7:14 error access-email-invalid: "me-at-example.com" is not an e-mail address'],
    ["a CIDR with host bits", ["  allow:", "    - email: me@example.com", "  deny:", "    - ip: [192.0.2.0/24, 198.51.100.7/24]"], "9:26 error access-ip-invalid: 198.51.100.7/24 has host bits set"],
    ["a group without a file", ["  allow:", "    - group: [family, friends]"], '7:23 error access-group-unknown: service "app" uses group "friends", which does not exist'],
    ["any of several countries in require", ["  allow:", "    - group: family", "  require:", "    - country: [DE, NL]"], "9:7 error access-require-any-of: require: every rule must hold, so country: [DE, NL] would let no one in (a request has one country)"],
    ["public: true with rules", ["  public: true", "  session_duration: 1h"], '6:11 error access-public-with-rules: service "app": public: true says it is open to everyone, so it takes no session_duration'],
    ["no allow", ["  session_duration: 8h"], '6:3 error access-no-allow: service "app": access needs allow (Access lets in only those an allow rule names)'],
  ])("reports %s at its line and column", async (_what, access, expected) => {
    expect(await problems(...access)).toEqual([`services/app.yaml:${expected}`]);
  });

  it("says which types it supports, and guesses the one meant", async () => {
    const result = await loadFiles({ "zones/example.com.yaml": zone, "services/app.yaml": service("  allow:", "    - emial: me@example.com", "    - github: my-org") });
    expect(result.diagnostics.map((d) => d.hint)).toEqual([
      'did you mean "email"? cf-gitops supports email, email_domain, everyone, ip, country, group, service_token and login_method',
      "cf-gitops supports email, email_domain, everyone, ip, country, group, service_token and login_method",
    ]);
  });

  it("lets one service of a hostname declare access (one Access application per hostname)", async () => {
    const api = ["service: app-api", "hostname: app.example.com", "origin: http://localhost:3001", "tunnel: home-pi", "path: ^/api/", "access:", "  public: true", ""].join("\n");
    const result = await loadFiles({ "zones/example.com.yaml": zone, "services/app.yaml": service("  allow:", "    - email: me@example.com"), "services/app-api.yaml": api });
    expect(where(result)).toEqual(['services/app.yaml:6:3 error access-hostname-shared: hostname app.example.com already has its access: in service "app-api" (desired-state/services/app-api.yaml)']);
  });

  it("expands to one policy and one application in the form both engines compare (case, @, /32, order, 90m)", async () => {
    const loaded = await loadFiles({
      "zones/example.com.yaml": zone,
      "access/groups/family.yaml": family,
      "services/app.yaml": service("  session_duration: 90m", "  allow:", "    - group: family", "    - email: [Partner@Example.com, me@example.com, me@example.com]", "    - email_domain: '@Example.org'", "  deny:", "    - ip: 198.51.100.7", "  require:", "    - country: de"),
    });
    const resources = expandDesired(loaded.state, { zoneNames: ["example.com"], resolved: new Map([["tunnel-service", new Map([["home-pi", "tunnel-1"]])]]) }).resources.filter((r) => r.kind.startsWith("access-"));
    expect(resources.map((r) => [r.kind, r.id, r.value])).toEqual([
      ["access-group", "access/groups/family", { name: "family", include: [{ email: "me@example.com" }] }],
      ["access-policy", "access/policies/app", { name: "app (cf-gitops)", decision: "allow", include: [{ email: "me@example.com" }, { email: "partner@example.com" }, { email_domain: "example.org" }, { group: "family" }], require: [{ country: "DE" }], exclude: [{ ip: "198.51.100.7/32" }] }],
      ["access-application", "access/apps/app.example.com", { name: "app", domain: "app.example.com", type: "self_hosted", session_duration: "1h30m", policies: ["app (cf-gitops)"] }],
    ]);
  });

  it.each([["24h", "24h"], ["1440m", "24h"], ["90m", "1h30m"], ["3600s", "1h"], ["0s", "0s"], ["1h0m30s", "1h30s"]])("writes the session duration %s as %s", (input, output) => {
    expect(canonicalDuration(input)).toBe(output);
  });
});
