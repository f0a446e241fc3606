// Completeness: every registered built-in has its own file, table tests, documentation, a schema
// entry, and the shipped configuration and schema file stay in step with the code.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { builtinPolicies } from "../src/policy/index.ts";
import { renderPolicyConfigSchema } from "../src/policy/config-schema.ts";
import { resolveParams } from "../src/policy/params.ts";
import { policySchemaPath } from "../src/policy/write-schema.ts";

const root = path.resolve(import.meta.dirname, "..");
const docs = readFileSync(path.join(root, "docs/policies.md"), "utf8");

function docSection(id: string): string {
  const start = docs.indexOf(`\n### ${id}\n`);
  if (start < 0) return "";
  const next = docs.indexOf("\n### ", start + 1);
  return docs.slice(start, next < 0 ? undefined : next);
}

describe("built-in policy registry", () => {
  it("has the 14 policies of issue 5, the 3 of issue 14 and the 2 of issue 24, the 3 of issue 25 and the 1 of issue 26, with unique ids", () => {
    const ids = builtinPolicies.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(23);
  });

  it.each(builtinPolicies.map((p) => [p.id, p] as const))("%s has its own file and table tests", (id) => {
    expect(existsSync(path.join(root, `src/policy/builtin/${id}.ts`))).toBe(true);
    const tests = readFileSync(path.join(root, `src/policy/builtin/${id}.test.ts`), "utf8");
    expect(tests).toMatch(/it\.each\(/);
    expect(tests).toMatch(/"(passes|fails)/);
  });

  it.each(builtinPolicies.map((p) => [p.id, p] as const))("%s is documented with its level and every parameter", (id, policy) => {
    const section = docSection(id);
    expect(section, `docs/policies.md needs a "### ${id}" section`).not.toBe("");
    expect(section).toContain(`Default level: ${policy.level}`);
    expect(section).toMatch(/Exempt/);
    for (const param of Object.keys((policy.paramsSchema?.properties ?? {}) as object)) expect(section).toContain(`\`${param}\``);
    expect(docs).toContain(`| [\`${id}\`](#${id}) |`);
  });

  it.each(builtinPolicies.map((p) => [p.id, p] as const))("%s runs with default params", (_id, policy) => {
    expect(resolveParams(policy, {}).ok).toBe(true);
  });
});

describe("policy configuration schema", () => {
  it(`${policySchemaPath} equals the generated schema (regenerate: node_modules/.bin/node src/policy/write-schema.ts)`, () => {
    expect(readFileSync(path.join(root, policySchemaPath), "utf8")).toBe(renderPolicyConfigSchema());
  });

  it("the shipped policies/policy.yaml is valid against it and points editors at it", () => {
    const text = readFileSync(path.join(root, "policies/policy.yaml"), "utf8");
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=../schemas/policy.schema.json");
    const validate = new Ajv({ strict: false }).compile(JSON.parse(renderPolicyConfigSchema()));
    expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ default: "strict" })).toBe(false);
    expect(validate({ policies: { "ttl-bounds": { params: { min: "x" } } } })).toBe(false);
  });
});
