import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dayRange } from "./activity.ts";
import { openHistory, type HistoryStore } from "./store.ts";

let dir: string;
let history: HistoryStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "cfg-activity-"));
  history = openHistory(join(dir, "history.sqlite"));
});
afterEach(() => {
  history.close();
  rmSync(dir, { recursive: true, force: true });
});

const now = new Date("2026-11-28T15:00:00Z");

function run(stack: string, kind: "apply" | "drift", startedAt: string, result: "success" | "failure" | "blocked", drifted = 0): number {
  const id = history.startRun({ stack, kind, trigger: "schedule", startedAt: new Date(startedAt) });
  if (drifted > 0) {
    history.recordDrift(id, Array.from({ length: drifted }, (_, index) => ({ zone: "example.com", kind: "dns-record", id: `r${index}`, op: "update", fields: ["ttl"] })));
  }
  history.finishRun(id, { result, finishedAt: new Date(Date.parse(startedAt) + 1000) });
  return id;
}

describe("dailyActivity", () => {
  it("gives every one of the last 30 UTC days, oldest first, with runs, failures and the day's largest drift", () => {
    run("prod", "apply", "2026-11-28T01:00:00Z", "success");
    run("prod", "apply", "2026-11-28T02:00:00Z", "failure");
    run("prod", "apply", "2026-11-28T03:00:00Z", "blocked");
    run("prod", "drift", "2026-11-27T10:00:00Z", "success", 3);
    run("prod", "drift", "2026-11-27T11:00:00Z", "success", 1);
    run("prod", "drift", "2026-10-30T00:00:00Z", "success", 2); // the oldest day in range
    run("prod", "drift", "2026-10-29T23:59:59Z", "success", 9); // one day too old
    run("prod", "drift", "2026-11-26T10:00:00Z", "failure"); // a failed check says nothing about drift
    run("other", "apply", "2026-11-28T04:00:00Z", "failure");

    const days = history.dailyActivity("prod", { now });
    expect(days).toHaveLength(30);
    expect(days[0]?.day).toBe("2026-10-30");
    expect(days.at(-1)).toEqual({ day: "2026-11-28", runs: 3, failures: 2, drift: 0, driftChecks: 0 });
    expect(days.at(-2)).toEqual({ day: "2026-11-27", runs: 2, failures: 0, drift: 3, driftChecks: 2 });
    expect(days.at(-3)).toEqual({ day: "2026-11-26", runs: 1, failures: 1, drift: 0, driftChecks: 0 });
    expect(days[0]).toEqual({ day: "2026-10-30", runs: 1, failures: 0, drift: 2, driftChecks: 1 });
    expect(days.slice(1, -3).every((day) => day.runs === 0 && day.driftChecks === 0)).toBe(true);
  });

  it("bounds the window and reads runs through the (stack, started_at) index", () => {
    expect(history.dailyActivity("prod", { now, days: 10_000 })).toHaveLength(366);
    expect(history.dailyActivity("prod", { now, days: 0 })).toHaveLength(1);
    const plan = history.db.prepare("EXPLAIN QUERY PLAN SELECT COUNT(*) FROM runs WHERE stack = ? AND started_at >= ?").all("prod", "2026-10-30") as { detail: string }[];
    expect(plan.map((row) => row.detail).join("\n")).toMatch(/runs_by_stack_start/);
  });

  it("names days in UTC whatever the hour", () => {
    expect(dayRange(3, new Date("2026-03-01T23:59:59Z"))).toEqual(["2026-02-27", "2026-02-28", "2026-03-01"]);
  });
});

describe("inventory and zone changes", () => {
  it("reads the counts of the newest successful apply that recorded them, and each zone's newest applied change", () => {
    const first = run("prod", "apply", "2026-11-20T10:00:00Z", "success");
    history.recordInventory(first, [{ zone: "example.com", kind: "dns-record", count: 4 }]);
    history.recordChanges(first, [
      { kind: "dns-record", id: "a", zone: "example.com", op: "create", fields: [], outcome: "applied" },
      { kind: "list", id: "l", op: "create", fields: [], outcome: "applied" },
    ]);
    const second = run("prod", "apply", "2026-11-25T10:00:00Z", "success");
    history.setCommit(second, { commit: "b".repeat(40), author: "Ada" });
    history.recordInventory(second, [{ zone: "example.com", kind: "dns-record", count: 5 }, { zone: "example.com", kind: "firewall-rule", count: 2 }, { kind: "list", count: 1 }]);
    history.recordChanges(second, [{ kind: "dns-record", id: "b", zone: "example.com", op: "create", fields: [], outcome: "applied" }]);
    // A failed apply with inventory and a planned (never applied) change changes neither answer.
    const failed = run("prod", "apply", "2026-11-26T10:00:00Z", "failure");
    history.recordInventory(failed, [{ zone: "example.com", kind: "dns-record", count: 99 }]);
    history.recordChanges(failed, [{ kind: "dns-record", id: "c", zone: "example.net", op: "create", fields: [], outcome: "failed" }]);

    const inventory = history.latestInventory("prod");
    expect(inventory?.run.id).toBe(second);
    expect(inventory?.counts).toEqual([
      { zone: "account", kind: "list", count: 1 },
      { zone: "example.com", kind: "dns-record", count: 5 },
      { zone: "example.com", kind: "firewall-rule", count: 2 },
    ]);
    expect(history.zoneChanges("prod")).toEqual([
      { zone: "account", runId: first, at: "2026-11-20T10:00:01.000Z" },
      { zone: "example.com", runId: second, at: "2026-11-25T10:00:01.000Z", commit: "b".repeat(40), author: "Ada" },
    ]);
    expect(history.latestInventory("other")).toBeUndefined();
    expect(history.zoneChanges("other")).toEqual([]);
  });

  it("deletes a run's inventory with the run when it is pruned", () => {
    const old = run("prod", "apply", "2026-01-01T00:00:00Z", "success");
    history.recordInventory(old, [{ zone: "example.com", kind: "dns-record", count: 1 }]);
    const newer = run("prod", "apply", "2026-11-01T00:00:00Z", "success");
    history.recordInventory(newer, [{ zone: "example.com", kind: "dns-record", count: 2 }]);
    expect(history.prune({ keepDays: 30, now })).toBe(1);
    expect(history.db.prepare("SELECT run_id FROM run_inventory").all()).toEqual([{ run_id: newer }]);
  });
});
