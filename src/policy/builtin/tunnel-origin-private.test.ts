import { describe, expect, it } from "vitest";
import { check, state, svc } from "../test-fixtures.ts";
import { tunnelOriginPrivate as policy } from "./tunnel-origin-private.ts";

function one(origin: string) {
  return state([], [svc("app", "app.example.com", origin)]);
}

describe("tunnel-origin-private", () => {
  it.each([
    "http://localhost:3000", "https://127.0.0.1:8443", "http://[::1]:8080", "http://192.168.1.20", "tcp://10.0.0.5:22",
    "ssh://172.20.0.2:22", "http://100.100.1.1", "unix:/run/app.sock", "http_status:404", "http://grafana:3000",
    "http://nas.local", "http://pi.home.arpa:8123", "http://app.localhost",
  ])("passes %s", async (origin) => {
    expect(await check(policy, one(origin))).toEqual([]);
  });

  it.each([
    ["https://example.org", /public address or name/], ["http://203.0.113.10:8080", /public address/], ["http://8.8.8.8", /public/],
    ["localhost:3000", /not a URL/],
  ])("fails %s", async (origin, message) => {
    const found = await check(policy, one(origin));
    expect(found).toHaveLength(1);
    expect(found[0]!.resource).toBe("services/app");
    expect(found[0]!.message).toMatch(message);
    expect(found[0]!.source).toEqual({ file: "desired-state/services/app.yaml", line: 3, column: 9 });
  });

  it("params allow_hosts and private_suffixes", async () => {
    expect(await check(policy, one("http://app.corp.example.com"), { allow_hosts: ["*.corp.example.com"] })).toEqual([]);
    expect(await check(policy, one("http://app.corp.example.com"))).toHaveLength(1);
    expect(await check(policy, one("http://nas.lan"), { private_suffixes: [] })).toHaveLength(1);
  });
});
