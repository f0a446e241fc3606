// A policy's level (issue 23, ADR 28): policies/policy.yaml's entry, else the policy's own level,
// else the file's default, else advisory; each result says where its level came from. A policy
// without parameters needs no paramsSchema, and one that cannot load is an error, never a warning.
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadFailureHint, packageType } from "./load-hint.ts";
import { renderPolicyReport } from "./render/index.ts";
import { runPolicies } from "./run.ts";
import { rec, state, zone } from "./test-fixtures.ts";

const desired = state([zone("example.com", { dns: [rec("*", "A", "203.0.113.10", { proxied: true })] })]);

async function repo(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "cfg-levels-"));
  await mkdir(path.join(root, "policies"));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(root, name), text);
  return root;
}

/** A custom policy without definePolicy (plain objects are policies too), flagging every record. */
function custom(id: string, fields: string): string {
  return `export const policy = { id: "${id}", description: "test", ${fields} checkState(desired) { return desired.zones.flatMap((z) => (z.dns ?? []).map((r) => ({ resource: z.zone + "/dns/" + r.name, message: "flagged" }))); } };\n`;
}

describe("policy levels", () => {
  it("a custom policy's own level beats policy.yaml's default; the entry beats both", async () => {
    const root = await repo({
      "policies/policy.yaml": "default: advisory\npolicies:\n  overridden: { level: disabled }\n",
      "policies/own.ts": custom("own", `level: "mandatory",`),
      "policies/overridden.ts": custom("overridden", `level: "mandatory",`),
    });
    const report = await runPolicies({ root, desired });
    expect(report.results.find((r) => r.id === "own")).toMatchObject({ level: "mandatory", status: "failed", levelFrom: { from: "policy", file: "policies/own.ts" } });
    expect(report.results.find((r) => r.id === "overridden")).toMatchObject({ level: "disabled", levelFrom: { from: "entry", file: "policies/policy.yaml", line: 3 } });
    expect(report.results.find((r) => r.id === "ssl-strict")).toMatchObject({ level: "mandatory", levelFrom: { from: "policy" } });
    expect(report.blocked).toBe(true);
  });

  it("a policy without a level of its own gets the default, else advisory", async () => {
    const withDefault = await repo({ "policies/policy.yaml": "default: mandatory\n", "policies/plain.ts": custom("plain", "") });
    expect((await runPolicies({ root: withDefault, desired })).results.find((r) => r.id === "plain")).toMatchObject({ level: "mandatory", levelFrom: { from: "default", file: "policies/policy.yaml", line: 1 } });
    const without = await repo({ "policies/plain.ts": custom("plain", "") });
    const report = await runPolicies({ root: without, desired });
    expect(report.results.find((r) => r.id === "plain")).toMatchObject({ level: "advisory", status: "failed", levelFrom: { from: "fallback" } });
    expect(report.diagnostics).toEqual([]);
  });

  it("a policy without paramsSchema runs, and refuses parameters", async () => {
    const root = await repo({ "policies/plain.ts": custom("plain", `level: "advisory",`) });
    expect((await runPolicies({ root, desired })).results.find((r) => r.id === "plain")).toMatchObject({ status: "failed", violations: 1 });
    await writeFile(path.join(root, "policies/policy.yaml"), "policies:\n  plain: { params: { x: 1 } }\n");
    const report = await runPolicies({ root, desired });
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ code: "policy-config-bad-params", message: 'policies.plain: unknown parameter "x"' }));
  });

  it("the policy command's text lists each level and where it came from", async () => {
    const root = await repo({ "policies/policy.yaml": "default: advisory\npolicies:\n  ttl-bounds: { level: mandatory }\n", "policies/own.ts": custom("own", `level: "mandatory",`) });
    const text = renderPolicyReport(await runPolicies({ root, desired }), "text", { levels: true });
    expect(text).toMatch(/^ {2}mandatory ttl-bounds +policies\/policy\.yaml:3$/m);
    expect(text).toMatch(/^ {2}mandatory own +its own level \(policies\/own\.ts\)$/m);
    expect(text).toMatch(/^ {2}mandatory ssl-strict +its own level \(built-in\)$/m);
    expect(renderPolicyReport(await runPolicies({ root, desired }), "text")).not.toContain("levels (");
  });
});

describe("a custom policy that cannot load", () => {
  it("is an error even when policy.yaml makes it advisory, and its entry is not an unknown policy", async () => {
    const root = await repo({ "policies/policy.yaml": "default: advisory\npolicies:\n  broken: { level: advisory }\n", "policies/broken.ts": "export const policy = {\n" });
    const report = await runPolicies({ root, desired });
    expect(report.diagnostics.map((d) => [d.code, d.severity])).toEqual([["policy-load-error", "error"]]);
    expect(report.results.find((r) => r.id === "broken")).toMatchObject({ status: "error", level: "advisory", levelFrom: { from: "entry" } });
    expect(report.blocked).toBe(true);
  });

  it("without an entry is mandatory (its own level is unknown); disabled in policy.yaml, it is off", async () => {
    const root = await repo({ "policies/policy.yaml": "default: advisory\n", "policies/broken.ts": "export const policy = {\n" });
    expect((await runPolicies({ root, desired })).results.find((r) => r.id === "broken")).toMatchObject({ status: "error", level: "mandatory", levelFrom: { from: "unloaded" } });
    await writeFile(path.join(root, "policies/policy.yaml"), "policies:\n  broken: { level: disabled }\n");
    const report = await runPolicies({ root, desired });
    expect(report.results.find((r) => r.id === "broken")).toMatchObject({ status: "disabled" });
    expect(report.diagnostics).toEqual([]);
  });

  it("names package.json as the cause of an ESM syntax error when it is not \"type\": \"module\"", () => {
    // The load itself runs in a real process (test/init.test.ts, test/packed-tool.test.ts): vitest's loader ignores package.json's type.
    const message = "cannot load custom policy: SyntaxError: Cannot use import statement outside a module";
    const hint = loadFailureHint("policies/esm.ts", message, "commonjs");
    expect(hint).toContain('the cause is package.json, not policies/esm.ts: package.json says "type": "commonjs"');
    expect(hint).toContain('Set "type": "module" in package.json');
    expect(loadFailureHint("policies/esm.ts", message, undefined)).toContain('package.json has no "type"');
    expect(loadFailureHint("policies/esm.ts", message, "module")).toMatch(/^fix the file/);
    expect(loadFailureHint("policies/esm.ts", "cannot load custom policy: ReferenceError: x is not defined", "commonjs")).toMatch(/^fix the file/);
  });

  it("reads package.json's type for the hint", async () => {
    const root = await repo({ "package.json": '{ "type": "commonjs" }\n' });
    expect(await packageType(root)).toBe("commonjs");
    expect(await packageType(path.join(root, "policies"))).toBeUndefined();
  });
});
