// The policy floor: levels and parameters from a file outside the repository that
// policies/policy.yaml can tighten but never loosen (issue 11 item 9).
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { builtinPolicies } from "./registry.ts";
import { runPolicies } from "./run.ts";
import { change, plan, rec, state, zone } from "./test-fixtures.ts";
import { tighten } from "./tightening.ts";

const now = new Date("2026-06-01T12:00:00Z");

async function setup(policyYaml: string | undefined, floorYaml: string): Promise<{ root: string; floor: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), "cfg-floor-"));
  const root = path.join(dir, "repo");
  await mkdir(path.join(root, "policies"), { recursive: true });
  if (policyYaml !== undefined) await writeFile(path.join(root, "policies/policy.yaml"), policyYaml);
  const floor = path.join(dir, "etc", "policy-floor.yaml");
  await mkdir(path.dirname(floor));
  await writeFile(floor, floorYaml);
  return { root, floor };
}

// Three records, all deleted: an emptied zone file.
const records = [rec("@", "A", "203.0.113.1"), rec("www", "A", "203.0.113.2"), rec("@", "MX", "mx.example.net", { priority: 10 })];
const emptied = state([zone("example.com", { dns: [] })]);
const deleteAll = plan(records.map((r) => change("dns-record", `example.com/dns/${r.name}/${r.type}`, "delete")));

const floorYaml = `policies:
  max-deletions:
    level: mandatory
    params: { min_deletions: 1, max_percent: 30 }
  protected-records: { level: mandatory }
`;
const disabling = `policies:
  max-deletions:
    level: disabled
    params: { min_deletions: 100, max_percent: 100 }
  protected-records: { level: disabled }
`;

describe("a commit that disables the safety policies and empties a zone", () => {
  it("is not blocked without a floor (the gap the floor closes)", async () => {
    const { root } = await setup(disabling, floorYaml);
    const report = await runPolicies({ root, desired: emptied, plan: deleteAll, now });
    expect(report.blocked).toBe(false);
  });

  it("is blocked under the floor, with each loosening refused as a warning at its line", async () => {
    const { root, floor } = await setup(disabling, floorYaml);
    const report = await runPolicies({ root, desired: emptied, plan: deleteAll, now, floor });
    expect(report.blocked).toBe(true);
    expect(report.floor).toEqual({ file: floor });
    expect(report.violations.filter((v) => v.level === "mandatory").map((v) => v.policy).sort()).toEqual(["max-deletions", "protected-records", "protected-records", "protected-records"]);
    const refused = report.diagnostics.filter((d) => d.code === "policy-floor-loosening-refused");
    expect(refused.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
      `policies/policy.yaml:3:12 policies.max-deletions.level: disabled is looser than the policy floor's mandatory (${floor}:3); mandatory applies`,
      `policies/policy.yaml:4:30 policies.max-deletions.params.min_deletions: 100 is looser than the policy floor's 1 (${floor}:4); 1 applies`,
      `policies/policy.yaml:4:48 policies.max-deletions.params.max_percent: 100 is looser than the policy floor's 30 (${floor}:4); 30 applies`,
      `policies/policy.yaml:5:31 policies.protected-records.level: disabled is looser than the policy floor's mandatory (${floor}:5); mandatory applies`,
    ]);
    expect(refused.every((d) => d.severity === "warning")).toBe(true);
    expect(report.results.find((r) => r.id === "max-deletions")).toMatchObject({
      level: "mandatory", status: "failed",
      floor: { level: "mandatory", params: { min_deletions: 1, max_percent: 30 }, applied: ["level", "params.min_deletions", "params.max_percent"] },
    });
  });
});

describe("tightening", () => {
  it("lets the repository be stricter than the floor, and says the floor decided nothing", async () => {
    const { root, floor } = await setup("policies:\n  max-deletions:\n    params: { max_percent: 10 }\n  ttl-bounds: { level: mandatory, params: { min: 300 } }\n", "default: advisory\npolicies:\n  max-deletions: { level: mandatory, params: { max_percent: 30 } }\n  ttl-bounds: { params: { min: 120 } }\n");
    const report = await runPolicies({ root, desired: state([zone("example.com", { dns: [rec("www", "A", "203.0.113.2", { ttl: 200 })] })]), now, floor });
    expect(report.diagnostics.filter((d) => d.code.startsWith("policy-floor"))).toEqual([]);
    expect(report.results.find((r) => r.id === "max-deletions")?.floor?.applied).toEqual([]);
    expect(report.results.find((r) => r.id === "ttl-bounds")).toMatchObject({ level: "mandatory", status: "failed", floor: { applied: [] } });
  });

  it("per parameter: lower and higher numbers, superset and subset lists, the floor's value for undeclared ones", () => {
    expect(tighten("lower", 30, 50)).toBe(30);
    expect(tighten("lower", 30, 10)).toBe(10);
    expect(tighten("lower", 5, undefined)).toBe(5);
    expect(tighten("higher", "1.2", "1.0")).toBe("1.2");
    expect(tighten("higher", true, false)).toBe(true);
    expect(tighten("superset", [{ type: "MX" }, { name: "@" }], [{ name: "@" }, { name: "api" }])).toEqual([{ name: "@" }, { name: "api" }, { type: "MX" }]);
    expect(tighten("subset", ["full", "strict"], ["flexible", "full", "strict"])).toEqual(["full", "strict"]);
    expect(tighten(undefined, "x", "y")).toBe("x");
  });

  it("a repository default below the floor's is refused once, at its line; the floor's default is the minimum", async () => {
    const { root, floor } = await setup("default: disabled\n", "default: advisory\n");
    const report = await runPolicies({ root, desired: state([zone("example.com", { dns: [rec("www", "A", "203.0.113.2", { ttl: 30 })] })]), now, floor });
    expect(report.diagnostics.filter((d) => d.code === "policy-floor-loosening-refused").map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      `1:10 default: disabled is looser than the policy floor's default advisory (${floor}:1); no policy goes below advisory`,
    ]);
    // ttl-bounds keeps its own level (advisory): the repository's default applies only to a policy without one.
    expect(report.results.find((r) => r.id === "ttl-bounds")).toMatchObject({ level: "advisory", status: "failed", floor: { level: "advisory", applied: [] } });
  });
});

describe("exemptions under the floor", () => {
  const desired = state([zone("example.com", { dns: [rec("nas", "A", "192.168.1.20")] })]);

  it("a repository exemption from a floor-mandatory policy is refused at its line; the floor's own exemptions apply", async () => {
    const repoYaml = "exemptions:\n  - { policy: no-private-ip-in-public-dns, resource: example.com, reason: lab }\n";
    const strict = await setup(repoYaml, "policies:\n  no-private-ip-in-public-dns: { level: mandatory }\n");
    const refused = await runPolicies({ root: strict.root, desired, now, floor: strict.floor });
    expect(refused.blocked).toBe(true);
    expect(refused.diagnostics).toContainEqual(expect.objectContaining({ file: "policies/policy.yaml", line: 2, code: "policy-floor-exemption-refused" }));

    const allowed = await setup(repoYaml, "policies:\n  no-private-ip-in-public-dns: { level: mandatory }\nexemptions:\n  - { policy: no-private-ip-in-public-dns, resource: example.com/dns/nas, reason: the NAS is only used at home }\n");
    const report = await runPolicies({ root: allowed.root, desired, now, floor: allowed.floor });
    expect(report.blocked).toBe(false);
    expect(report.exempted.map((e) => e.exemption.reason)).toEqual(["the NAS is only used at home"]);
  });

  it("repository exemptions still apply to policies the floor does not make mandatory", async () => {
    const { root, floor } = await setup("exemptions:\n  - { policy: no-private-ip-in-public-dns, resource: example.com, reason: lab }\n", "policies:\n  ttl-bounds: { level: mandatory }\n");
    expect((await runPolicies({ root, desired, now, floor })).blocked).toBe(false);
  });
});

describe("a floor that cannot be used blocks", () => {
  it("a missing file, a broken file, an unknown policy: errors in the floor file, nothing passes", async () => {
    const { root, floor } = await setup(undefined, "policies:\n  max-deletion: { level: mandatory }\n");
    const unknown = await runPolicies({ root, desired: emptied, now, floor });
    expect(unknown.blocked).toBe(true);
    expect(unknown.diagnostics).toContainEqual(expect.objectContaining({ file: floor, line: 2, code: "policy-config-unknown-policy", message: 'unknown policy "max-deletion"' }));
    const missing = await runPolicies({ root, desired: emptied, now, floor: `${floor}.missing` });
    expect(missing.blocked).toBe(true);
    expect(missing.diagnostics).toContainEqual(expect.objectContaining({ code: "policy-floor-unreadable", message: `cannot read the policy floor ${floor}.missing: ENOENT` }));
    await writeFile(floor, "policies: [\n");
    expect((await runPolicies({ root, desired: emptied, now, floor })).blocked).toBe(true);
  });

  it("warns when the floor lives inside the repository, where a commit can change it", async () => {
    const { root } = await setup(undefined, "default: advisory\n");
    await writeFile(path.join(root, "floor.yaml"), "default: advisory\n");
    const report = await runPolicies({ root, desired: emptied, now, floor: path.join(root, "floor.yaml") });
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ severity: "warning", code: "policy-floor-in-repository" }));
  });
});

describe("every built-in policy says how its parameters tighten", () => {
  it.each(builtinPolicies.map((policy) => [policy.id, policy] as const))("%s", (_id, policy) => {
    const params = Object.keys((policy.paramsSchema?.properties ?? {}) as object);
    expect(Object.keys(policy.tightening ?? {}).sort()).toEqual(params.sort());
  });
});
