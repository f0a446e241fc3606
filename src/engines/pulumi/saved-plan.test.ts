import { describe, expect, it } from "vitest";
import { PlanStaleError, SavedPlanError } from "../../plan/saved.ts";
import type { Plan } from "../../plan/types.ts";
import { approveSameAs } from "./saved-plan.ts";

const saved: Plan = {
  stack: "default", engine: "pulumi", account: "a".repeat(32),
  changes: [{ kind: "zone-settings", id: "example.com/settings/ssl", zone: "example.com", op: "update", fields: ["value"], before: { value: "full" }, after: { value: "strict" } }],
};

describe("apply FILE with the pulumi engine", () => {
  it("goes on (to the policy gate) when the fresh preview is the saved plan", async () => {
    const seen: Plan[] = [];
    const approve = approveSameAs(saved, { approve: async (plan) => (seen.push(plan), true) });
    expect(await approve(structuredClone(saved))).toBe(true);
    expect(seen).toHaveLength(1);
    expect(await approveSameAs(saved, {})(structuredClone(saved))).toBe(true);
  });

  it("refuses a preview that differs, naming the changes that moved", async () => {
    const fresh: Plan = { ...saved, changes: [{ ...saved.changes[0]!, before: { value: "flexible" } }] };
    const refused = approveSameAs(saved, { approve: async () => true })(fresh);
    await expect(refused).rejects.toBeInstanceOf(PlanStaleError);
    await expect(approveSameAs(saved, {})(fresh)).rejects.toThrow("Cloudflare changed since the plan was made (example.com/settings/ssl); nothing was applied");
    await expect(approveSameAs(saved, {})({ ...saved, changes: [] })).rejects.toThrow(/example.com\/settings\/ssl/);
  });

  it("refuses a preview against another account", async () => {
    await expect(approveSameAs(saved, {})({ ...saved, account: "b".repeat(32) })).rejects.toBeInstanceOf(SavedPlanError);
  });
});
