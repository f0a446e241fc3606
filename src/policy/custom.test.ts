import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { runPolicies } from "./run.ts";
import { rec, state, zone } from "./test-fixtures.ts";

const definePolicyUrl = pathToFileURL(path.resolve(import.meta.dirname, "define-policy.ts")).href;
const desired = state([zone("example.com", { dns: [rec("www", "A", "203.0.113.10", { proxied: true, tags: [] })] })]);

async function repo(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "cfg-custom-"));
  await mkdir(path.join(root, "policies"));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(root, "policies", name), text);
  return root;
}

const requireTags = `
import { definePolicy } from ${JSON.stringify(definePolicyUrl)};
export const policy = definePolicy<{ tag: string }>({
  id: "require-owner-tag",
  description: "every record names its owner",
  level: "advisory",
  remediation: "add an owner: tag",
  paramsSchema: { type: "object", properties: { tag: { type: "string", default: "owner:" } }, additionalProperties: false },
  checkState(desired, { params }) {
    return desired.zones.flatMap((z) => (z.dns ?? []).filter((r) => !r.tags.some((t) => t.startsWith(params.tag)))
      .map((r) => ({ resource: z.zone + "/dns/" + r.name, message: r.fqdn + " has no " + params.tag + " tag", source: r.source })));
  },
});
`;

const throwing = `
export const policy = {
  id: "explodes", description: "throws", level: "mandatory", remediation: "none", paramsSchema: { type: "object" },
  checkState() { throw new Error("boom: cannot read zones"); },
};
`;

describe("custom policies", () => {
  it("loads a definePolicy() module and applies its level and params from policy.yaml", async () => {
    const root = await repo({ "require-owner-tag.ts": requireTags, "policy.yaml": "policies:\n  require-owner-tag: { level: mandatory, params: { tag: 'team:' } }\n" });
    const report = await runPolicies({ root, desired });
    expect(report.diagnostics).toEqual([]);
    expect(report.results.find((r) => r.id === "require-owner-tag")).toMatchObject({ origin: "policies/require-owner-tag.ts", level: "mandatory", status: "failed" });
    expect(report.violations).toContainEqual(expect.objectContaining({ policy: "require-owner-tag", message: "www.example.com has no team: tag", level: "mandatory" }));
    expect(report.blocked).toBe(true);
  });

  it("a policy that throws gives a diagnostic naming its file; the other policies still run", async () => {
    const root = await repo({ "explodes.ts": throwing });
    const report = await runPolicies({ root, desired });
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ file: "policies/explodes.ts", severity: "error", code: "policy-runtime-error", message: "policy explodes (policies/explodes.ts) failed: boom: cannot read zones" }),
    ]);
    expect(report.results.find((r) => r.id === "explodes")?.status).toBe("error");
    expect(report.results.filter((r) => r.status === "passed").length).toBeGreaterThan(5);
    expect(report.blocked).toBe(true);
  });

  it("an advisory policy that throws warns but does not block", async () => {
    const root = await repo({ "explodes.ts": throwing, "policy.yaml": "policies:\n  explodes: { level: advisory }\n" });
    const report = await runPolicies({ root, desired });
    expect(report.diagnostics).toEqual([expect.objectContaining({ severity: "warning", code: "policy-runtime-error", file: "policies/policy.yaml", line: 2 })]);
    expect(report.blocked).toBe(false);
  });

  it("a syntax error gives a diagnostic naming the file; the other policies still run", async () => {
    const root = await repo({ "broken.ts": "export const policy = definePolicy({ id: 'broken', \n  checkState( {\n", "require-owner-tag.ts": requireTags });
    const report = await runPolicies({ root, desired });
    const diagnostic = report.diagnostics.find((d) => d.file === "policies/broken.ts");
    expect(diagnostic).toMatchObject({ severity: "error", code: "policy-load-error" });
    expect(diagnostic!.message).toMatch(/^cannot load custom policy: \w*Error/);
    expect(report.results.find((r) => r.id === "broken")).toMatchObject({ status: "error", level: "mandatory" });
    expect(report.results.find((r) => r.id === "require-owner-tag")?.status).toBe("failed");
    expect(report.blocked).toBe(true);
  });

  it("a module without a policy export, or with a malformed one, is reported", async () => {
    const root = await repo({ "empty.ts": "export const answer = 42;\n", "bad-shape.ts": "export const policy = { id: 'Bad Id', description: 'x' };\n" });
    const report = await runPolicies({ root, desired });
    expect(report.diagnostics.map((d) => [d.file, d.message])).toEqual([
      ["policies/bad-shape.ts", 'export policy is not a valid policy: id must be kebab-case (got "Bad Id")'],
      ["policies/empty.ts", expect.stringMatching(/^exports no policy/)],
    ]);
  });

  it("a custom policy may not reuse a built-in id", async () => {
    const root = await repo({ "dup.ts": throwing.replace('"explodes"', '"ttl-bounds"') });
    const report = await runPolicies({ root, desired });
    expect(report.diagnostics).toEqual([expect.objectContaining({ file: "policies/dup.ts", code: "policy-duplicate-id" })]);
    expect(report.results.filter((r) => r.id === "ttl-bounds")).toHaveLength(1);
  });
});

describe("custom policy results are checked", () => {
  it("a check that returns something other than findings is an error naming the policy", async () => {
    const root = await repo({ "sloppy.ts": throwing.replace('"explodes"', '"sloppy"').replace('throw new Error("boom: cannot read zones");', "return { resource: 'x' };") });
    const report = await runPolicies({ root, desired });
    expect(report.diagnostics).toEqual([expect.objectContaining({ file: "policies/sloppy.ts", message: "policy sloppy (policies/sloppy.ts) failed: checkState must return an array of findings, got object" })]);
  });

  it("an unreadable policy.yaml is a diagnostic, not a crash", async () => {
    const root = await repo({});
    await mkdir(path.join(root, "policies/policy.yaml"));
    const report = await runPolicies({ root, desired });
    expect(report.diagnostics).toEqual([expect.objectContaining({ code: "policy-config-unreadable", message: "cannot read policies/policy.yaml: it is a directory, not a regular file" })]);
    expect(report.blocked).toBe(true);
  });
});
