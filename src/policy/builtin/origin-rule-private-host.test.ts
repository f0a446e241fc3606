import { describe, expect, it } from "vitest";
import type { OriginRuleSpec } from "../../kinds/origin-rule/spec.ts";
import { check, rec, state, zone } from "../test-fixtures.ts";
import { originRulePrivateHost as policy } from "./origin-rule-private-host.ts";

const source = { file: "desired-state/zones/example.com.yaml", line: 7, column: 5 };

function routed(origin: OriginRuleSpec["origin"], enabled = true) {
  const z = zone("example.com", { dns: [rec("backend", "A", "203.0.113.10"), rec("nas", "A", "192.168.1.20")] });
  z.origin_rules = [{ ref: "api", expression: "true", enabled, source, ...(origin ? { origin } : {}) }];
  return state([z]);
}

describe("origin-rule-private-host", () => {
  it.each([
    [{ host: "backend.example.com", port: 8443 }],
    [{ host: "api.example.net" }],
    [{ port: 8080 }],
    [{ host: "203.0.113.7" }],
  ])("passes %j", async (origin) => {
    expect(await check(policy, routed(origin))).toEqual([]);
  });

  it.each([
    [{ host: "10.0.0.5" }, "10.0.0.5 is a private"],
    [{ host: "nas.example.com" }, "nas.example.com's records in the zone file point at private addresses (192.168.1.20)"],
    [{ host: "printer.local" }, "under .local, a private suffix"],
    [{ host: "localhost", port: 3000 }, "this machine's own name"],
  ])("fails %j", async (origin, message) => {
    const found = await check(policy, routed(origin));
    expect(found).toHaveLength(1);
    expect(found[0]!.resource).toBe("example.com/origin_rules/api");
    expect(found[0]!.message).toContain(message);
    expect(found[0]!.source).toEqual(source);
  });

  it("leaves disabled rules and allowed hosts alone", async () => {
    expect(await check(policy, routed({ host: "10.0.0.5" }, false))).toEqual([]);
    expect(await check(policy, routed({ host: "printer.local" }), { allow_hosts: ["*.local"] })).toEqual([]);
  });
});
