import { describe, expect, it } from "vitest";
import type { PolicyReport } from "../types.ts";
import { renderPolicyReport } from "./index.ts";

const report: PolicyReport = {
  blocked: true,
  results: [
    { id: "max-deletions", description: "d", level: "mandatory", status: "failed", violations: 1, exempted: 0, origin: "builtin" },
    { id: "ttl-bounds", description: "d", level: "advisory", status: "failed", violations: 1, exempted: 1, origin: "builtin" },
    { id: "caa-present", description: "d", level: "advisory", status: "passed", violations: 0, exempted: 0, origin: "builtin" },
    { id: "ssl-strict", description: "d", level: "disabled", status: "disabled", violations: 0, exempted: 0, origin: "builtin" },
  ],
  violations: [
    { policy: "max-deletions", level: "mandatory", resource: "example.com", file: "desired-state/zones/example.com.yaml", line: 1, column: 1, message: "plan deletes 40 of 40 managed objects, more than 30%", remediation: "check the merge" },
    { policy: "ttl-bounds", level: "advisory", resource: "example.com/dns/a|b/TXT/x", file: "desired-state/zones/example.com.yaml", line: 7, column: 5, message: "ttl 30, outside 60..86400\nsecond line", remediation: "use auto" },
  ],
  exempted: [
    { policy: "ttl-bounds", level: "advisory", resource: "example.com/dns/x/A/1.2.3.4", message: "m", remediation: "r", exemption: { resource: "example.com/dns/x/*", reason: "migration", expires: "2026-12-31" } },
  ],
  diagnostics: [{ file: "policies/policy.yaml", line: 3, column: 12, severity: "warning", code: "policy-exemption-expired", message: "exemption expired, 50% off: now" }],
};

describe("renderPolicyReport", () => {
  it("json lists every evaluated policy with its result, plus a summary", () => {
    const json = JSON.parse(renderPolicyReport(report, "json"));
    expect(json.blocked).toBe(true);
    expect(json.results.map((r: { id: string; status: string }) => `${r.id}:${r.status}`)).toEqual(["max-deletions:failed", "ttl-bounds:failed", "caa-present:passed", "ssl-strict:disabled"]);
    expect(json.summary).toMatchObject({ evaluated: 3, passed: 1, failed: 2, disabled: 1, mandatory_violations: 1, advisory_violations: 1, exempted: 1 });
    expect(json.violations[0]).toEqual(report.violations[0]);
  });

  it("github prints ::error for mandatory and ::warning for advisory, with escaped file/line/col", () => {
    const lines = renderPolicyReport(report, "github").trimEnd().split("\n");
    expect(lines[0]).toBe("::error file=desired-state/zones/example.com.yaml,line=1,col=1,title=policy max-deletions::plan deletes 40 of 40 managed objects, more than 30%25 (example.com). Fix: check the merge");
    expect(lines[1]).toMatch(/^::warning file=desired-state\/zones\/example.com.yaml,line=7,col=5,title=policy ttl-bounds::ttl 30, outside 60..86400%0Asecond line/);
    expect(lines[2]).toBe("::warning file=policies/policy.yaml,line=3,col=12,title=policy-exemption-expired::exemption expired, 50%25 off: now");
    expect(lines.at(-1)).toMatch(/^policy BLOCKED/);
  });

  it("markdown renders a policy table and a violations table safe for a PR comment", () => {
    const md = renderPolicyReport(report, "markdown");
    expect(md).toContain("### ❌ Policy check: blocked");
    expect(md).toContain("| Policy | Level | Result | Violations |");
    expect(md).toContain("| `ttl-bounds` | advisory | ❌ failed | 1 (+1 exempted) |");
    expect(md).toContain("| `ssl-strict` | disabled | ➖ disabled | 0 |");
    expect(md).toContain("`example.com/dns/a\\|b/TXT/x`");
    expect(md).toContain("ttl 30, outside 60..86400 second line");
    expect(md).toContain("| `ttl-bounds` | `example.com/dns/x/A/1.2.3.4` | migration | 2026-12-31 |");
  });

  it("text puts each violation on its file:line:col with its fix, and ends with the verdict", () => {
    const text = renderPolicyReport(report, "text");
    expect(text).toContain("desired-state/zones/example.com.yaml:1:1: error [max-deletions] plan deletes 40 of 40 managed objects, more than 30%\n    resource: example.com\n    fix: check the merge");
    expect(text).toContain("policies/policy.yaml:3:12: warning [policy-exemption-expired]");
    expect(text.trimEnd().split("\n").at(-1)).toBe("policy BLOCKED: 3 evaluated, 1 passed, 2 failed, 0 errors; 1 mandatory and 1 advisory violations, 1 exempted");
  });
});

describe("text rendering of many advisory violations", () => {
  it("shows ten per advisory policy and counts the rest", () => {
    const many = Array.from({ length: 13 }, (_, i) => ({ policy: "ttl-bounds", level: "advisory" as const, resource: `r${i}`, message: `m${i}`, remediation: "fix" }));
    const text = renderPolicyReport({ ...report, violations: many, diagnostics: [], exempted: [] }, "text");
    expect(text).toContain("] m9\n");
    expect(text).not.toContain("] m10\n");
    expect(text).toContain("warning [ttl-bounds] ... and 3 more (see --format json)");
  });
});
