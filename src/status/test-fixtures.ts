// Shared by the status tests (unit, server, Chromium): a history with runs, drift and hostile strings.
import type { HistoryStore } from "../history/store.ts";

export const hostileComment = "<img src=x onerror=alert(1)>";

const wwwId = "example.com/dns/www/A/203.0.113.10";

/** Records an apply, a failed commit, a blocked one and a drift check with a hand-edited record. */
export function seedHistory(history: HistoryStore, stack = "prod"): { driftRunId: number } {
  const t0 = Date.parse("2026-11-25T10:00:00Z");
  const at = (minutes: number) => new Date(t0 + minutes * 60_000);
  const apply = history.startRun({ stack, kind: "apply", trigger: "webhook", branch: "main", startedAt: at(0) });
  history.setCommit(apply, { commit: "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d", author: "Ada <ada@example.com>", message: `Add www ${hostileComment}` });
  history.recordChanges(apply, [{
    kind: "dns-record", id: wwwId, zone: "example.com", op: "create", fields: ["content", "ttl", "proxied", "comment"],
    after: { name: "www", type: "A", content: "203.0.113.10", ttl: 1, proxied: true, comment: hostileComment }, outcome: "applied",
  }]);
  history.recordPolicyResults(apply, [
    { policy: "no-mass-delete", level: "mandatory", status: "pass" },
    { policy: "ttl-range", level: "advisory", status: "fail", message: "TTL below 60", violations: [{ message: `record ${hostileComment} has ttl 30` }] },
  ]);
  history.recordInventory(apply, [{ zone: "example.com", kind: "dns-record", count: 3 }, { zone: "example.com", kind: "firewall-rule", count: 1 }, { zone: "example.org", kind: "dns-record", count: 2 }]);
  history.finishRun(apply, { result: "success", finishedAt: new Date(at(0).getTime() + 4200), summary: { create: 1, update: 0, delete: 0, replace: 0, import: 0 } });

  const bad = history.startRun({ stack, kind: "apply", trigger: "poll", branch: "main", startedAt: at(5) });
  history.setCommit(bad, { commit: "2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e", author: "Bob", message: "Broken YAML" });
  history.finishRun(bad, {
    result: "failure", finishedAt: at(5.1), error: "commit 2b3c4d5 has invalid desired state; nothing was applied",
    diagnostics: [{ file: "desired-state/zones/example.com.yaml", line: 4, column: 3, severity: "error", code: "yaml-syntax", message: "bad indentation" }],
  });

  const drift = history.startRun({ stack, kind: "drift", trigger: "schedule", branch: "main", startedAt: at(15) });
  history.setCommit(drift, { commit: "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d", author: "Ada", message: "Add www" });
  history.recordDrift(drift, [
    { zone: "example.com", kind: "dns-record", id: wwwId, op: "update", fields: ["ttl", "proxied", "comment"], before: { ttl: 300, proxied: false, comment: "edited by hand" }, after: { ttl: 1, proxied: true, comment: hostileComment } },
    { zone: "example.com", kind: "dns-record", id: "example.com/dns/old/A/198.51.100.7", op: "delete", fields: ["content"], before: { name: "old", type: "A", content: "198.51.100.7" } },
  ]);
  history.finishRun(drift, { result: "success", finishedAt: at(15.05) });
  return { driftRunId: drift };
}

/** The days (counted back from today, 0 = today) seedTimeline fills, and what each holds. */
export const timelineDays = [
  { ago: 0, runs: 3, failures: 1, drift: 0, checks: 1 },
  { ago: 1, runs: 2, failures: 0, drift: 2, checks: 2 },
  { ago: 4, runs: 1, failures: 0, drift: 0, checks: 1 },
  { ago: 7, runs: 4, failures: 2, drift: 4, checks: 1 },
  { ago: 13, runs: 1, failures: 1, drift: 0, checks: 0 },
  { ago: 29, runs: 2, failures: 0, drift: 1, checks: 1 },
  { ago: 30, runs: 5, failures: 4, drift: 9, checks: 1 }, // one day too old for a 30-day timeline
] as const;

/**
 * Runs over the last 30 days, relative to `now`: per day, `checks` drift checks (the first finds
 * `drift` resources, the others fewer), then applies up to `runs`, the first `failures` of them failed.
 */
export function seedTimeline(history: HistoryStore, now: Date, stack = "prod"): void {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  // Oldest first, as they would have happened: the newest drift check is today's.
  for (const day of [...timelineDays].reverse()) {
    let minute = 0;
    const at = () => new Date(midnight - day.ago * 86_400_000 + (minute++) * 60_000);
    for (let check = 0; check < day.checks; check++) {
      const id = history.startRun({ stack, kind: "drift", trigger: "schedule", startedAt: at() });
      const count = check === 0 ? day.drift : Math.floor(day.drift / 2);
      history.recordDrift(id, Array.from({ length: count }, (_, index) => ({ zone: "example.com", kind: "dns-record", id: `example.com/dns/t${index}/A`, op: "update", fields: ["ttl"] })));
      history.finishRun(id, { result: "success", finishedAt: at() });
    }
    for (let index = 0; index < day.runs - day.checks; index++) {
      const id = history.startRun({ stack, kind: "apply", trigger: "poll", startedAt: at() });
      history.finishRun(id, { result: index < day.failures ? "failure" : "success", finishedAt: at(), ...(index < day.failures ? { error: "example failure" } : {}) });
    }
  }
}
