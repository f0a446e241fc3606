import { describe, expect, it } from "vitest";
import { loadFiles, where } from "../shared/test-fixtures.ts";
import { originPhase } from "./normalise.ts";

function zone(fields: string): string {
  return `zone: example.com\norigin_rules:\n  - { ref: api, expression: '(http.host eq "api.example.com")', ${fields} }\n`;
}

describe("origin rules", () => {
  it("reads sni { value } as a name, and writes it back so", () => {
    const live = originPhase.fromApi({ id: "o", ref: "api", expression: "true", action: "route", enabled: true, action_parameters: { host_header: "Backend.example.net", origin: { host: "backend.example.com", port: 8443 }, sni: { value: "backend.example.net" } } });
    expect(live).toMatchObject({ host_header: "backend.example.net", origin: { host: "backend.example.com", port: 8443 }, sni: "backend.example.net" });
    expect(originPhase.toApi(live).action_parameters).toEqual({ host_header: "backend.example.net", origin: { host: "backend.example.com", port: 8443 }, sni: { value: "backend.example.net" } });
  });

  it.each([
    "host_header: backend.example.net, origin: { host: backend.example.com, port: 8443 }, sni: backend.example.net",
    "origin: { port: 8080 }",
  ])("accepts %s", async (fields) => {
    expect((await loadFiles({ "zones/example.com.yaml": zone(fields) })).diagnostics).toEqual([]);
  });

  it.each([
    ["origin: { port: 70000 }", "70000", "error schema-"],
    ["enabled: true", "api", "error origin-rule-empty: the rule overrides nothing: give host_header, origin or sni"],
  ])("reports %s", async (fields, needle, message) => {
    const text = zone(fields);
    const found = where(await loadFiles({ "zones/example.com.yaml": text }));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`zones/example.com.yaml:3:${text.split("\n")[2]!.indexOf(needle) + 1} ${message}`);
  });
});
