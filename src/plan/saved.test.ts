import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkSavedPlanTarget, planDifferences, readSavedPlan, SavedPlanError, writeSavedPlan } from "./saved.ts";
import type { Plan } from "./types.ts";

const plan: Plan = { stack: "default", engine: "native", account: "a".repeat(32), changes: [{ kind: "zone-settings", id: "example.com/settings/ssl", zone: "example.com", op: "update", fields: ["value"], before: { value: "full" }, after: { value: "strict" }, payload: { setting: "ssl", value: "strict" } }] };

describe("saved plan files", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "cfg-saved-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("round-trips a plan with its payloads", async () => {
    const saved = await writeSavedPlan(join(dir, "plan.json"), plan);
    const read = await readSavedPlan(join(dir, "plan.json"), "plan.json");
    expect(read.plan).toEqual(plan);
    expect(read.fingerprint).toBe(saved.fingerprint);
    expect(() => checkSavedPlanTarget(read, "plan.json", { stack: "default", engine: "native" })).not.toThrow();
    expect(() => checkSavedPlanTarget(read, "plan.json", { stack: "prod", engine: "native" })).toThrow(/made for stack default, not prod/);
  });

  it.each([
    ["not JSON", "{", /plan.json is not JSON/],
    ["another document", JSON.stringify({ stack: "default", changes: [] }), /is not a saved cf-gitops plan/],
    ["a newer version", JSON.stringify({ format: "cf-gitops/plan", version: 2 }), /is a version 2 plan; this cf-gitops reads version 1/],
  ])("refuses %s, saying why", async (_what, text, message) => {
    await writeFile(join(dir, "plan.json"), text);
    await expect(readSavedPlan(join(dir, "plan.json"), "plan.json")).rejects.toThrow(message);
    await expect(readSavedPlan(join(dir, "plan.json"), "plan.json")).rejects.toBeInstanceOf(SavedPlanError);
  });

  it("names the changes two plans disagree on", () => {
    const fresh: Plan = { ...plan, changes: [{ ...plan.changes[0]!, after: { value: "flexible" } }, { kind: "dns-record", id: "example.com/dns/www/A", op: "create", fields: ["ttl"], after: { ttl: 1 } }] };
    expect(planDifferences(plan, plan)).toEqual([]);
    expect(planDifferences(plan, fresh)).toEqual(["example.com/dns/www/A", "example.com/settings/ssl"]);
  });
});
