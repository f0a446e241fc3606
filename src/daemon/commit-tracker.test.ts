import { describe, expect, it } from "vitest";
import { createCommitTracker } from "./commit-tracker.ts";
import type { RunRequest } from "./run-queue.ts";
import type { RunOutcome } from "./run-types.ts";

function applied(sha: string, result: RunOutcome["result"] = "success", kind: RunOutcome["kind"] = "apply"): RunOutcome {
  return { runId: 1, stack: "default", kind, triggers: ["startup"], result, startedAt: 0, finishedAt: 1, branch: "main", commit: { sha, author: "", message: "", date: "" }, diagnostics: [], outcomes: [] };
}
const request = (triggers: RunRequest["triggers"], commit?: string, kind: RunRequest["kind"] = "apply"): RunRequest => ({ kind, triggers, queuedAt: 0, ...(commit ? { commit } : {}) });

describe("commit tracker", () => {
  it("drops a poll or webhook apply of the commit the last apply handled, and nothing else", () => {
    const commits = createCommitTracker();
    expect(commits.alreadyApplied(request(["poll"], "a1"))).toBe(false);
    commits.finished(applied("a1", "failure")); // an invalid commit fails again: no point in re-running it for a poll
    expect(commits.alreadyApplied(request(["poll"], "a1"))).toBe(true);
    expect(commits.alreadyApplied(request(["webhook", "poll"], "a1"))).toBe(true);
    expect(commits.alreadyApplied(request(["poll", "manual"], "a1"))).toBe(false);
    expect(commits.alreadyApplied(request(["schedule"], "a1"))).toBe(false);
    expect(commits.alreadyApplied(request(["poll"], "b2"))).toBe(false);
    expect(commits.alreadyApplied(request(["poll"]))).toBe(false);
    expect(commits.alreadyApplied(request(["poll"], "a1", "drift"))).toBe(false);
  });

  it("does not count an interrupted apply or a drift check as applying the commit", () => {
    const commits = createCommitTracker();
    commits.finished(applied("a1", "interrupted"));
    commits.finished(applied("a1", "success", "drift"));
    expect(commits.alreadyApplied(request(["poll"], "a1"))).toBe(false);
    commits.seen("a1");
    expect(commits.lastSeen()).toBe("a1");
  });
});
