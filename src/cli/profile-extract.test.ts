import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ConfigError } from "../shared/errors.ts";
import { extractProfile } from "./profile-extract.ts";

const zone = (name: string, extra: string[] = []) => [
  `zone: ${name}`,
  "settings:",
  "  ssl: strict   # origin certificates everywhere",
  `  min_tls_version: "${name === "example.org" ? "1.3" : "1.2"}"`,
  "dns:",
  "  # Google mail",
  '  - { name: "@", type: MX, content: smtp.google.com, priority: 1 }',
  `  - { name: www, type: A, content: 192.0.2.${name === "example.org" ? 1 : 2} }`,
  `  - { name: _dmarc, type: TXT, content: "v=DMARC1; p=none; rua=mailto:dmarc@${name}" }`,
  "firewall:",
  "  - { ref: bots, expression: (cf.client.bot), action: block }",
  `  - { ref: own, expression: (http.host eq "${name}"), action: ${name === "example.org" ? "log" : "block"} }`,
  "  - { ref: admin, expression: (http.request.uri.path eq \"/admin\"), action: block }",
  ...extra,
  "",
].join("\n");

describe("profile extract", () => {
  it("moves what every zone has ({zone} for the zone's name) into the profile, keeping comments", () => {
    const out = extractProfile("shared", [{ zone: "example.org", file: "zones/example.org.yaml", text: zone("example.org") }, { zone: "example.net", file: "zones/example.net.yaml", text: zone("example.net") }], new Date("2026-01-02T00:00:00Z"));
    const profile = parse(out.profile) as Record<string, unknown>;
    expect(profile.profile).toBe("shared");
    expect(profile.settings).toEqual({ ssl: "strict" });
    expect(profile.dns).toEqual([{ name: "@", type: "MX", content: "smtp.google.com", priority: 1 }, { name: "_dmarc", type: "TXT", content: "v=DMARC1; p=none; rua=mailto:dmarc@{zone}" }]);
    // ordered rules: only the common first ones move, so the merged order stays
    expect(profile.firewall).toEqual([{ ref: "bots", expression: "(cf.client.bot)", action: "block" }]);
    expect(out.profile).toContain("# yaml-language-server: $schema=../../schemas/profile.schema.json");
    expect(out.profile).toContain("# Google mail");
    expect(out.profile).toContain("# origin certificates everywhere");
    expect(out.moved).toEqual(["2 dns item(s)", "1 settings", "1 firewall item(s)"]);
    const org = out.zones[0]!.text;
    expect(parse(org)).toEqual({
      zone: "example.org",
      use: ["shared"],
      settings: { min_tls_version: "1.3" },
      dns: [{ name: "www", type: "A", content: "192.0.2.1" }],
      firewall: [{ ref: "own", expression: '(http.host eq "example.org")', action: "log" }, { ref: "admin", expression: '(http.request.uri.path eq "/admin")', action: "block" }],
    });
    expect(org).toMatch(/^zone: example.org\nuse: \[ shared \]\n/);
  });

  it("adds to an existing use: and drops a key it empties", () => {
    const text = ["zone: a.example", "use: [mail]", "settings: { ssl: strict }", ""].join("\n");
    const out = extractProfile("tls", [{ zone: "a.example", file: "a", text }, { zone: "b.example", file: "b", text: text.replace("a.example", "b.example") }]);
    expect(parse(out.zones[1]!.text)).toEqual({ zone: "b.example", use: ["mail", "tls"] });
  });

  it("refuses zones with nothing in common", () => {
    expect(() => extractProfile("x", [{ zone: "a.example", file: "a", text: "zone: a.example\nsettings: { ssl: full }\n" }, { zone: "b.example", file: "b", text: "zone: b.example\nsettings: { ssl: strict }\n" }])).toThrow(ConfigError);
  });
});
