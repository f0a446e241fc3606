import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runPolicies } from "./run.ts";
import { rec, state, zone } from "./test-fixtures.ts";

const now = new Date("2026-06-01T12:00:00Z");

async function repoWith(policyYaml: string): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "cfg-policy-"));
  await mkdir(path.join(root, "policies"));
  await writeFile(path.join(root, "policies/policy.yaml"), policyYaml);
  return root;
}

const desired = state([zone("example.com", { dns: [rec("www", "A", "10.0.0.1", { ttl: 30 })] })]);

describe("policies/policy.yaml", () => {
  it("missing file: every policy at its default level", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "cfg-policy-"));
    const report = await runPolicies({ root, desired, now });
    expect(report.diagnostics).toEqual([]);
    expect(report.results.find((r) => r.id === "no-private-ip-in-public-dns")).toMatchObject({ level: "mandatory", status: "failed", violations: 1 });
    expect(report.results.find((r) => r.id === "max-deletions")).toMatchObject({ status: "skipped" });
    expect(report.blocked).toBe(true);
  });

  it("a bad level is reported at its line and column, and the policy keeps its default level", async () => {
    const root = await repoWith("policies:\n  ttl-bounds:\n    level: strict\n");
    const report = await runPolicies({ root, desired, now });
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ file: "policies/policy.yaml", line: 3, column: 12, severity: "error", code: "policy-config-bad-level", message: 'policies.ttl-bounds.level: "strict" is not an enforcement level' }),
    ]);
    expect(report.results.find((r) => r.id === "ttl-bounds")?.level).toBe("advisory");
    expect(report.blocked).toBe(true);
  });

  it("an unknown policy id is reported with a suggestion", async () => {
    const root = await repoWith("default: advisory\npolicies:\n  ttl-bound:\n    level: mandatory\n");
    const report = await runPolicies({ root, desired, now });
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ line: 3, column: 3, code: "policy-config-unknown-policy", message: 'unknown policy "ttl-bound"', hint: 'did you mean "ttl-bounds"?' }),
    ]);
  });

  it("bad params are reported at the parameter, and the policy cannot run", async () => {
    const root = await repoWith("policies:\n  ttl-bounds:\n    params:\n      min: sixty\n      maxx: 5\n");
    const report = await runPolicies({ root, desired, now });
    const codes = report.diagnostics.map((d) => [d.code, d.line, d.column, d.message]);
    expect(codes).toContainEqual(["policy-config-bad-params", 4, 12, "policies.ttl-bounds: min must be integer"]);
    expect(codes).toContainEqual(["policy-config-bad-params", 5, 7, 'policies.ttl-bounds: unknown parameter "maxx"']);
    expect(report.results.find((r) => r.id === "ttl-bounds")?.status).toBe("error");
  });

  it("listed levels win; default never lowers a policy's own level (ADR 28)", async () => {
    const root = await repoWith("default: advisory\npolicies:\n  ttl-bounds: { level: mandatory, params: { min: 60 } }\n");
    const report = await runPolicies({ root, desired, now });
    expect(report.diagnostics).toEqual([]);
    expect(report.results.find((r) => r.id === "no-private-ip-in-public-dns")).toMatchObject({ level: "mandatory", levelFrom: { from: "policy" } });
    expect(report.violations.find((v) => v.policy === "ttl-bounds")?.level).toBe("mandatory");
  });

  it("disabled policies do not run", async () => {
    const root = await repoWith("policies:\n  no-private-ip-in-public-dns: { level: disabled }\n  ttl-bounds: { level: disabled }\n");
    const report = await runPolicies({ root, desired, now });
    expect(report.results.find((r) => r.id === "no-private-ip-in-public-dns")?.status).toBe("disabled");
    expect(report.violations.map((v) => v.policy)).not.toContain("no-private-ip-in-public-dns");
    expect(report.blocked).toBe(false);
  });

  it("an exemption moves the violation to exempted; an expired one stops applying and warns", async () => {
    const root = await repoWith([
      "exemptions:",
      "  - policy: no-private-ip-in-public-dns",
      "    resource: example.com/dns/www/*",
      "    reason: internal-only name, resolved over the VPN",
      "    expires: 2026-06-01",
      "  - policy: ttl-bounds",
      "    resource: example.com",
      "    reason: short TTL during the migration",
      "    expires: 2026-05-31",
      "",
    ].join("\n"));
    const report = await runPolicies({ root, desired, now });
    expect(report.exempted.map((e) => [e.policy, e.exemption.reason])).toEqual([["no-private-ip-in-public-dns", "internal-only name, resolved over the VPN"]]);
    const policies = report.violations.map((v) => v.policy);
    expect(policies).toContain("ttl-bounds");
    expect(policies).not.toContain("no-private-ip-in-public-dns");
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ line: 9, column: 14, severity: "warning", code: "policy-exemption-expired" }),
    ]);
    expect(report.blocked).toBe(false);
  });

  it("rejects malformed exemptions and unknown top-level keys", async () => {
    const root = await repoWith("polices: {}\nexemptions:\n  - policy: ttl-bounds\n    resource: example.com\n    expires: 31.12.2026\n");
    const report = await runPolicies({ root, desired, now });
    expect(report.diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([
      ["policy-config-invalid", 1, 'unknown top-level key "polices"'],
      ["policy-exemption-invalid", 3, "exemptions[0] needs a non-empty reason"],
      ["policy-exemption-invalid", 5, 'exemptions[0].expires: "31.12.2026" is not a date'],
    ]);
  });

  it("reports YAML syntax errors with their position", async () => {
    const root = await repoWith("policies:\n  ttl-bounds: {level: advisory\n");
    const report = await runPolicies({ root, desired, now });
    expect(report.diagnostics[0]).toMatchObject({ file: "policies/policy.yaml", code: "policy-config-syntax", severity: "error" });
    expect(report.diagnostics[0]!.line).toBeGreaterThanOrEqual(2);
    expect(report.blocked).toBe(true);
  });
});
