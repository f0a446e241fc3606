import { describe, expect, it } from "vitest";
import { changingCount, previewWork } from "./gate.ts";

const seen = (resource: number, bookkeeping: number) => ({ resourceSteps: () => resource, bookkeepingSteps: () => bookkeeping });

describe("whether up has work (Pulumi's change summary)", () => {
  it("counts what Pulumi counts as changes: not same, read, discard or refresh", () => {
    expect(changingCount({ same: 3, create: 2, update: 1, refresh: 5, read: 1, discard: 1 })).toBe(3);
    expect(changingCount({ "create-replacement": 1, replace: 1, "delete-replaced": 1, import: 1 })).toBe(4);
    expect(changingCount(undefined)).toBe(0);
  });

  it("a first run's stack and provider creates are not work", () => {
    expect(previewWork({ create: 2, same: 4 }, seen(0, 2))).toEqual({ steps: 0 });
  });

  it("a step cf-gitops could not translate is still work", () => {
    expect(previewWork({ update: 1, same: 4 }, seen(0, 0))).toEqual({ steps: 1 });
  });

  it("steps seen count when the summary is missing (the Automation API then reports {})", () => {
    expect(previewWork({}, seen(2, 0))).toEqual({ steps: 2 });
  });
});
