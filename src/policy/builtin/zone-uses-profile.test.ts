import { describe, expect, it } from "vitest";
import type { DesiredState, ZoneSpec } from "../../desired-state/types.ts";
import { check, state, zone } from "../test-fixtures.ts";
import { zoneUsesProfile as policy } from "./zone-uses-profile.ts";

function using(name: string, use?: string[]): ZoneSpec {
  return { ...zone(name), ...(use ? { use } : {}) };
}

function withProfiles(zones: ZoneSpec[], names = ["baseline-security", "google-mail"]): DesiredState {
  const profiles = names.map((name) => ({ name, file: `desired-state/profiles/${name}.yaml`, source: { file: `desired-state/profiles/${name}.yaml`, line: 1, column: 10 }, keys: [], usedBy: [] }));
  return { ...state(zones), profiles };
}

describe("zone-uses-profile", () => {
  it.each([
    ["no profile required (the default)", [using("example.com")], {}],
    ["every zone uses the required one", [using("example.com", ["baseline-security"]), using("example.org", ["google-mail", "baseline-security"])], { profiles: ["baseline-security"] }],
    ["every zone uses both required", [using("example.com", ["baseline-security", "google-mail"])], { profiles: ["google-mail", "baseline-security"] }],
  ])("passes: %s", async (_label, zones, params) => {
    expect(await check(policy, withProfiles(zones), params)).toEqual([]);
  });

  it.each([
    ["a zone without use:", [using("example.com")], ["example.com does not use the required profile baseline-security"]],
    ["a zone using another profile", [using("example.com", ["baseline-security"]), using("example.org", ["google-mail"])], ["example.org does not use the required profile baseline-security"]],
  ])("fails: %s", async (_label, zones, messages) => {
    const found = await check(policy, withProfiles(zones), { profiles: ["baseline-security"] });
    expect(found.map((finding) => finding.message)).toEqual(messages);
    expect(found[0]!.source).toEqual({ file: `desired-state/zones/${found[0]!.resource}.yaml`, line: 1, column: 1 });
  });

  it("names every missing profile, and how to create one that does not exist", async () => {
    const found = await check(policy, withProfiles([using("example.com")], ["google-mail"]), { profiles: ["baseline-security", "google-mail"] });
    expect(found).toEqual([expect.objectContaining({ resource: "example.com", message: "example.com does not use the required profiles baseline-security, google-mail", remediation: "create desired-state/profiles/baseline-security.yaml (`profile: baseline-security`), then add it to the zone's `use:`" })]);
  });
});
