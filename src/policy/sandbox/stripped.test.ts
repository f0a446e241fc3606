// The parent strips policy files once and the sandbox loads the cached JavaScript (a faster start).
import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runPolicies } from "../run.ts";
import { state } from "../test-fixtures.ts";
import { openCustomPolicies } from "./session.ts";
import { cacheStrippedPolicies, policyCacheDir, strippedName } from "./stripped.ts";

const policy = `import { definePolicy, noParams } from "cf-gitops/policy";
export const policy = definePolicy({
  id: "typed", description: "typed", level: "mandatory", paramsSchema: noParams,
  checkState(): { resource: string; message: string }[] {
    const error: Error = new Error("here");
    const where: string = error.stack!.split("\\n")[1]!;
    return [{ resource: "x", message: error.message + " " + where.slice(where.lastIndexOf("/") + 1) }];
  },
});
`;

describe("stripped policies", () => {
  it("are cached by the TypeScript's hash, keep their positions, and are what the sandbox loads", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "cfg-stripped-"));
    const cache = path.join(root, "cache");
    await mkdir(path.join(root, "policies"));
    await writeFile(path.join(root, "policies", "typed.ts"), policy);
    cacheStrippedPolicies(path.join(root, "policies"), cache);
    const [name] = await readdir(cache);
    expect(name).toBe(strippedName(policy));
    const javascript = await readFile(path.join(cache, name!), "utf8");
    expect(javascript).not.toContain(": string");
    expect(javascript.split("\n").map((line) => line.length)).toEqual(policy.split("\n").map((line) => line.length));
    // The sandbox takes the cached file: one marked as such is what runs (and errors keep the .ts name and line).
    await writeFile(path.join(cache, name!), javascript.replace('"here"', '"cached"'));
    const custom = openCustomPolicies(root, { cacheDir: cache });
    try {
      const report = await runPolicies({ root, desired: state([]), custom });
      expect(report.violations.find((v) => v.policy === "typed")?.message).toMatch(/^cached typed\.ts:5:/);
    } finally {
      custom.close();
    }
    expect(policyCacheDir({ NODE_COMPILE_CACHE: "/home/pi/.cache/cf-gitops/node-compile-cache" })).toBe("/home/pi/.cache/cf-gitops/node-compile-cache-policies");
    expect(policyCacheDir({})).toBeUndefined();
  });
});
