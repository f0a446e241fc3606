// Profiles in the loader: merged zones keep every value's own file and line, conflicts and bad
// profiles are reported at each position involved, and zones without `use:` are untouched.
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadDesiredState } from "../load.ts";
import { toStackConfig } from "../stack.ts";

const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

async function load(files: Record<string, string>, include?: string[]) {
  const root = await mkdtemp(join(tmpdir(), "cfgitops-profiles-"));
  roots.push(root);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, "desired-state", name)), { recursive: true });
    await writeFile(join(root, "desired-state", name), text);
  }
  const stack = include ? { ...toStackConfig("default", "stacks/default.yaml", {}), desired_state: { dir: "desired-state", include } } : undefined;
  return loadDesiredState("desired-state", { root, ...(stack ? { stack } : {}) });
}

const googleMail = [
  "profile: google-mail",
  "description: Google Workspace mail",
  "dns:",
  '  - { name: "@", type: MX, content: smtp.google.com, priority: 1 }',
  '  - { name: "@", type: TXT, content: "v=spf1 include:_spf.google.com ~all" }',
  '  - { name: _dmarc, type: TXT, content: "v=DMARC1; p=quarantine; rua=mailto:dmarc@{zone}" }',
  "",
].join("\n");

const baseline = [
  "profile: baseline-security",
  'settings: { ssl: strict, min_tls_version: "1.2", always_use_https: on }',
  "firewall:",
  "  - ref: block-bad-bots",
  "    description: known bad bots",
  '    expression: (http.user_agent contains "BadBot")',
  "    action: block",
  "",
].join("\n");

const exampleOrg = [
  "zone: example.org",
  "use: [baseline-security, google-mail]",
  'settings: { min_tls_version: "1.3" }',
  "dns:",
  "  - { name: www, type: CNAME, content: example.org, proxied: true }",
  "firewall:",
  "  - { ref: own-rule, expression: (http.host eq \"example.org\"), action: log }",
  "",
].join("\n");

const profiles = { "profiles/google-mail.yaml": googleMail, "profiles/baseline-security.yaml": baseline };

describe("profiles", () => {
  it("merges profiles into the zone: lists profiles first in use: order, maps with the zone's value winning, {zone} replaced", async () => {
    const { state, diagnostics } = await load({ ...profiles, "zones/example.org.yaml": exampleOrg });
    expect(diagnostics).toEqual([]);
    const zone = state.zones[0]!;
    expect(zone.use).toEqual(["baseline-security", "google-mail"]);
    expect(zone.dns!.map((record) => `${record.name} ${record.type} ${record.content}`)).toEqual([
      "@ MX smtp.google.com",
      "@ TXT v=spf1 include:_spf.google.com ~all",
      "_dmarc TXT v=DMARC1; p=quarantine; rua=mailto:dmarc@example.org",
      "www CNAME example.org",
    ]);
    expect(zone.firewall!.map((rule) => rule.ref)).toEqual(["block-bad-bots", "own-rule"]);
    expect(zone.settings!.values).toEqual({ ssl: "strict", min_tls_version: "1.3", always_use_https: "on" });
    // every value keeps its own file and line, and says which profile it came from
    expect(zone.dns![2]!.source).toEqual({ file: "desired-state/profiles/google-mail.yaml", line: 6, column: 5, profile: "google-mail" });
    expect(zone.dns![3]!.source).toEqual({ file: "desired-state/zones/example.org.yaml", line: 5, column: 5 });
    expect(zone.firewall![0]!.source).toMatchObject({ file: "desired-state/profiles/baseline-security.yaml", line: 4, profile: "baseline-security" });
    expect(zone.settings!.sources.ssl).toMatchObject({ file: "desired-state/profiles/baseline-security.yaml", line: 2, profile: "baseline-security" });
    expect(zone.settings!.sources.min_tls_version).toMatchObject({ file: "desired-state/zones/example.org.yaml", line: 3 });
    expect(state.profiles!.map((profile) => [profile.name, profile.usedBy])).toEqual([["baseline-security", ["example.org"]], ["google-mail", ["example.org"]]]);
  });

  it("policies see the merged zone, and point at the profile's line", async () => {
    const { check } = await import("../../policy/test-fixtures.ts");
    const { sslStrict } = await import("../../policy/builtin/ssl-strict.ts");
    const { state } = await load({ ...profiles, "profiles/baseline-security.yaml": baseline.replace("ssl: strict", "ssl: flexible"), "zones/example.org.yaml": exampleOrg });
    const found = await check(sslStrict, state);
    expect(found).toEqual([expect.objectContaining({ resource: "example.org/settings/ssl", source: expect.objectContaining({ file: "desired-state/profiles/baseline-security.yaml", line: 2, profile: "baseline-security" }) })]);
  });

  it("gives each zone its own copy, with its own {zone}", async () => {
    const net = exampleOrg.replaceAll("example.org", "example.net");
    const { state, diagnostics } = await load({ ...profiles, "zones/example.org.yaml": exampleOrg, "zones/example.net.yaml": net });
    expect(diagnostics).toEqual([]);
    const dmarc = (zone: string) => state.zones.find((z) => z.zone === zone)!.dns!.find((record) => record.name === "_dmarc")!;
    expect(dmarc("example.net").content).toContain("dmarc@example.net");
    expect(dmarc("example.org").content).toContain("dmarc@example.org");
    expect(dmarc("example.net")).not.toBe(dmarc("example.org"));
  });

  it("reports a rule's problem at the profile's line, naming every zone it was found in, once", async () => {
    const bad = baseline.replace('(http.user_agent contains "BadBot")', '(http.user_agent contians "BadBot")');
    const net = exampleOrg.replaceAll("example.org", "example.net");
    const { diagnostics } = await load({ ...profiles, "profiles/baseline-security.yaml": bad, "zones/example.org.yaml": exampleOrg, "zones/example.net.yaml": net });
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: "desired-state/profiles/baseline-security.yaml", line: 6, code: "firewall-expression-syntax" });
    expect(diagnostics[0]!.message).toMatch(/\(applied to zones example\.net and example\.org\)$/);
  });

  it("an unknown profile in use: is an error at its column, with a suggestion", async () => {
    const { diagnostics } = await load({ ...profiles, "zones/example.org.yaml": exampleOrg.replace("google-mail]", "googel-mail]") });
    expect(diagnostics).toContainEqual(expect.objectContaining({ file: "desired-state/zones/example.org.yaml", line: 2, column: 26, code: "profile-unknown", message: 'unknown profile "googel-mail"', hint: 'did you mean "google-mail"?' }));
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: "profile-unused", severity: "warning", file: "desired-state/profiles/google-mail.yaml", line: 1, column: 10 }));
  });

  it("a profile the stack does not include is named as such", async () => {
    const { diagnostics } = await load({ ...profiles, "zones/example.org.yaml": exampleOrg }, ["zones/*.yaml", "profiles/baseline-*.yaml"]);
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([["profile-not-included", 2, 26]]);
    expect(diagnostics[0]!.hint).toContain('add "profiles/*.yaml"');
  });

  it("the same record from two profiles is a conflict at both positions, reported once each", async () => {
    const other = ["profile: other-mail", "dns:", '  - { name: "@", type: MX, content: smtp.google.com, priority: 1 }', ""].join("\n");
    const zone = exampleOrg.replace("use: [baseline-security, google-mail]", "use: [google-mail, other-mail]");
    const { diagnostics, state } = await load({ ...profiles, "profiles/other-mail.yaml": other, "zones/example.org.yaml": zone });
    const conflicts = diagnostics.filter((d) => d.code === "profile-conflict");
    expect(conflicts.map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual(["desired-state/profiles/google-mail.yaml:4:5", "desired-state/profiles/other-mail.yaml:3:5"]);
    expect(conflicts[0]!.message).toContain('`dns:` the item with name "@", type "MX", content "smtp.google.com" comes from both profile google-mail (desired-state/profiles/google-mail.yaml:4) and profile other-mail (desired-state/profiles/other-mail.yaml:3)');
    expect(conflicts[0]!.message).toContain("(applied to zone example.org)");
    // the duplicate is left out, so the kind's own duplicate rule does not report it again
    expect(diagnostics.filter((d) => d.code === "dns-duplicate-record")).toEqual([]);
    expect(state.zones[0]!.dns!.filter((record) => record.type === "MX")).toHaveLength(1);
  });

  it("the same rule ref from a profile and the zone is a conflict at both", async () => {
    const zone = exampleOrg.replace("ref: own-rule", "ref: block-bad-bots");
    const { diagnostics } = await load({ ...profiles, "zones/example.org.yaml": zone });
    expect(diagnostics.filter((d) => d.code === "profile-conflict").map((d) => `${d.file}:${d.line}`)).toEqual(["desired-state/profiles/baseline-security.yaml:4", "desired-state/zones/example.org.yaml:7"]);
  });

  it("two profiles setting one setting differently, with no zone value, conflict at both; a zone value settles it", async () => {
    const strictTls = ["profile: strict-tls", 'settings: { min_tls_version: "1.3", ssl: strict }', ""].join("\n");
    const zone = (settings: string) => ["zone: example.org", "use: [baseline-security, strict-tls]", settings, ""].join("\n");
    const files = { ...profiles, "profiles/strict-tls.yaml": strictTls };
    const conflicting = await load({ ...files, "zones/example.org.yaml": zone("") });
    const conflicts = conflicting.diagnostics.filter((d) => d.code === "profile-conflict");
    expect(conflicts.map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual(["desired-state/profiles/baseline-security.yaml:2:26", "desired-state/profiles/strict-tls.yaml:2:13"]);
    expect(conflicts[0]!.message).toContain('`settings.min_tls_version` differs between profiles, and the zone file does not set it to settle it: "1.2" in profile baseline-security');
    const settled = await load({ ...files, "zones/example.org.yaml": zone('settings: { min_tls_version: "1.2" }') });
    expect(settled.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(settled.state.zones[0]!.settings!.values).toEqual({ ssl: "strict", min_tls_version: "1.2", always_use_https: "on" });
  });

  it("a placeholder other than {zone} is an error at its column", async () => {
    const bad = googleMail.replace("dmarc@{zone}", "dmarc@{domain}");
    const { diagnostics } = await load({ ...profiles, "profiles/google-mail.yaml": bad, "zones/example.org.yaml": exampleOrg });
    expect(diagnostics).toContainEqual(expect.objectContaining({ file: "desired-state/profiles/google-mail.yaml", line: 6, column: 83, code: "profile-placeholder-unknown", message: "unknown placeholder {domain}: profiles replace only {zone}" }));
  });

  it("leaves Rules-language sets alone", async () => {
    const sets = baseline.replace('(http.user_agent contains "BadBot")', '(ip.src in {192.0.2.0/24} and http.request.method in {"GET" "HEAD"})');
    const { diagnostics } = await load({ ...profiles, "profiles/baseline-security.yaml": sets, "zones/example.org.yaml": exampleOrg });
    expect(diagnostics).toEqual([]);
  });

  it("a profile that uses a profile is an error at its use: key", async () => {
    const nested = googleMail.replace("description:", "use: [baseline-security]\ndescription:");
    const { diagnostics } = await load({ ...profiles, "profiles/google-mail.yaml": nested, "zones/example.org.yaml": exampleOrg });
    expect(diagnostics).toEqual([expect.objectContaining({ file: "desired-state/profiles/google-mail.yaml", line: 2, column: 1, code: "profile-uses-profile", message: "a profile cannot use other profiles: profiles are one level deep" })]);
  });

  it("a key no kind knows is an error at the key, with a suggestion", async () => {
    const typo = googleMail.replace("dns:", "dsn:");
    const { diagnostics } = await load({ ...profiles, "profiles/google-mail.yaml": typo, "zones/example.org.yaml": exampleOrg });
    expect(diagnostics).toEqual([expect.objectContaining({ file: "desired-state/profiles/google-mail.yaml", line: 3, column: 1, code: "schema-unknown-key", message: 'unknown key "dsn"', hint: 'did you mean "dns"?' })]);
  });

  it("a profile file is named after its profile", async () => {
    const { diagnostics } = await load({ "profiles/mail.yaml": googleMail, "zones/example.org.yaml": "zone: example.org\nuse: [google-mail]\n" });
    expect(diagnostics.map((d) => d.code)).toEqual(["profile-file-name-mismatch"]);
  });

  it("a zone without use: is built as before, and the state has no profiles", async () => {
    const { state, diagnostics } = await load({ "zones/example.org.yaml": "zone: example.org\ndns:\n  - { name: www, type: A, content: 192.0.2.1 }\n" });
    expect(diagnostics).toEqual([]);
    expect(state.profiles).toBeUndefined();
    expect(state.zones[0]!.use).toBeUndefined();
    expect(state.zones[0]!.dns![0]!.source).toEqual({ file: "desired-state/zones/example.org.yaml", line: 3, column: 5 });
  });
});
