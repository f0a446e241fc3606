import { describe, expect, it } from "vitest";
import { loadFiles, where } from "../shared/test-fixtures.ts";
import { configPhase } from "./normalise.ts";

function zone(settings: string): string {
  return `zone: example.com\nconfig_rules:\n  - { ref: admin, expression: 'starts_with(http.request.uri.path, "/admin")', settings: { ${settings} } }\n`;
}

describe("configuration rules", () => {
  it("flattens each setting into a field of its own (drift names it) and leaves out settings it does not know", () => {
    const live = configPhase.fromApi({ id: "c", ref: "admin", expression: "true", action: "set_config", enabled: true, action_parameters: { rocket_loader: false, security_level: "high", webmcp_packs: ["x"] } });
    expect(live).toEqual({ ref: "admin", expression: "true", action: "set_config", enabled: true, rocket_loader: false, security_level: "high" });
    expect(configPhase.toApi(live).action_parameters).toEqual({ rocket_loader: false, security_level: "high" });
    expect(configPhase.toYaml(live)).toEqual({ ref: "admin", expression: "true", settings: { rocket_loader: false, security_level: "high" } });
  });

  it.each(["rocket_loader: false, security_level: high", "ssl: strict, polish: lossless, disable_zaraz: true", "automatic_https_rewrites: true, bic: false"])("accepts %s", async (settings) => {
    expect((await loadFiles({ "zones/example.com.yaml": zone(settings) })).diagnostics).toEqual([]);
  });

  it.each([
    ["security_level: extreme", "extreme", "error schema-invalid-value: `security_level` must be one of off, essentially_off, low, medium, high, under_attack; got \"extreme\""],
    ["rocket_loaders: false", "rocket_loaders", 'error schema-unknown-key: unknown key "rocket_loaders"'],
  ])("reports %s", async (settings, needle, message) => {
    const text = zone(settings);
    expect(where(await loadFiles({ "zones/example.com.yaml": text }))).toEqual([`zones/example.com.yaml:3:${text.split("\n")[2]!.indexOf(needle) + 1} ${message}`]);
  });
});
