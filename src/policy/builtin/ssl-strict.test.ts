import { describe, expect, it } from "vitest";
import { check, rec, state, svc, zone } from "../test-fixtures.ts";
import { sslStrict as policy } from "./ssl-strict.ts";

function z(ssl: string | undefined, proxied = true) {
  return zone("example.com", { dns: [rec("www", "A", "203.0.113.10", { proxied })], ...(ssl ? { settings: { ssl } } : {}) });
}

describe("ssl-strict", () => {
  it.each([["strict", true], ["full", true], ["flexible", false], [undefined, true]] as const)("passes ssl=%s proxied=%s", async (ssl, proxied) => {
    expect(await check(policy, state([z(ssl, proxied)]))).toEqual([]);
  });

  it.each(["flexible", "off"])("fails ssl=%s with proxied records", async (ssl) => {
    const found = await check(policy, state([z(ssl)]));
    expect(found).toHaveLength(1);
    expect(found[0]!.resource).toBe("example.com/settings/ssl");
    expect(found[0]!.source).toEqual(z(ssl).settings!.sources.ssl ? expect.objectContaining({ file: "desired-state/zones/example.com.yaml" }) : undefined);
  });

  it("counts a tunnel service hostname as proxied traffic", async () => {
    const desired = state([zone("example.com", { dns: [], settings: { ssl: "flexible" } })], [svc("grafana", "grafana.example.com", "http://localhost:3000")]);
    expect(await check(policy, desired)).toHaveLength(1);
  });

  it("param allowed: only strict", async () => {
    expect(await check(policy, state([z("full")]), { allowed: ["strict"] })).toHaveLength(1);
    expect(await check(policy, state([z("strict")]), { allowed: ["strict"] })).toEqual([]);
  });
});
