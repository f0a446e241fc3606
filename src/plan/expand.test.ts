import { describe, expect, it } from "vitest";
import type { DesiredState } from "../desired-state/types.ts";
import { ConfigError } from "../shared/errors.ts";
import { expandDesired } from "./expand.ts";

const source = { file: "desired-state/services/grafana.yaml", line: 1, column: 1 };
const state: DesiredState = {
  dir: "desired-state",
  zones: [{ zone: "example.com", file: "z", source, ignore: [] }],
  services: [{ service: "grafana", hostname: "grafana.lab.example.com", origin: "http://localhost:3000", tunnel: "home-pi", file: source.file, source }],
};

describe("desired expansion", () => {
  it("expands a tunnel service into its ingress rule and a proxied CNAME in the longest matching zone", () => {
    const { resources, ownership } = expandDesired(state, { resolved: new Map([["tunnel-service", new Map([["home-pi", "t-1"]])]]), zoneNames: ["lab.example.com"] });
    expect(resources.map((r) => `${r.kind} ${r.id} ${r.zone ?? ""}`)).toEqual([
      "tunnel-service services/grafana ",
      "dns-record lab.example.com/dns/grafana/CNAME lab.example.com",
    ]);
    expect(resources[1]!.value).toMatchObject({ proxied: true, ttl: 1, content: "t-1.cfargotunnel.com" });
    expect(resources[1]!.source).toEqual(source);
    expect([...(ownership.get("tunnel-service")?.keys() ?? [])]).toEqual(["t-1"]);
    expect(ownership.has("dns-record")).toBe(false); // the zone file has no dns: so it owns no DNS
  });

  it("names the service and the fix when its tunnel is not in the stack", () => {
    expect(() => expandDesired(state)).toThrow(ConfigError);
    expect(() => expandDesired(state)).toThrow(/service "grafana" uses tunnel "home-pi"/);
  });
});
