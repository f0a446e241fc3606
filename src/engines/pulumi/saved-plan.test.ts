import { describe, expect, it } from "vitest";
import { PlanStaleError, SavedPlanError } from "../../plan/saved.ts";
import type { Plan } from "../../plan/types.ts";
import { checkSameAs } from "./saved-plan.ts";

const saved: Plan = {
  stack: "default", engine: "pulumi", account: "a".repeat(32),
  changes: [{ kind: "zone-settings", id: "example.com/settings/ssl", zone: "example.com", op: "update", fields: ["value"], before: { value: "full" }, after: { value: "strict" } }],
};

describe("apply FILE with the pulumi engine", () => {
  it("goes on when the fresh preview is the saved plan", () => {
    expect(() => checkSameAs(saved, structuredClone(saved))).not.toThrow();
  });

  it("refuses a preview that differs, naming the changes that moved, an empty one included", () => {
    const fresh: Plan = { ...saved, changes: [{ ...saved.changes[0]!, before: { value: "flexible" } }] };
    expect(() => checkSameAs(saved, fresh)).toThrow(PlanStaleError);
    expect(() => checkSameAs(saved, fresh)).toThrow("Cloudflare changed since the plan was made (example.com/settings/ssl); nothing was applied");
    // Cloudflare moved to the saved plan's result: a preview with nothing to do is not the saved plan either
    expect(() => checkSameAs(saved, { ...saved, changes: [] })).toThrow(/example.com\/settings\/ssl/);
  });

  it("refuses a preview against another account", () => {
    expect(() => checkSameAs(saved, { ...saved, account: "b".repeat(32) })).toThrow(SavedPlanError);
  });
});
