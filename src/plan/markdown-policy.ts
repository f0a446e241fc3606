// The policy part of the plan markdown: read the policy JSON report defensively (another module
// produces it, and older or newer shapes must not break a comment), then a headline and tables.
import { codeSpan, escapeMarkdown } from "./markdown-escape.ts";

const maxTableRows = 100;

interface PolicyRow {
  id: string;
  level: string;
  status: string;
  violations: number;
}
interface PolicyViolationRow {
  policy: string;
  level: string;
  resource: string;
  message: string;
  remediation: string;
  where: string;
}
export interface PolicyView {
  results: PolicyRow[];
  violations: PolicyViolationRow[];
  blocked: boolean;
}

export function readPolicy(value: unknown): PolicyView | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const report = value as Record<string, unknown>;
  const results = (Array.isArray(report.results) ? report.results : []).filter(isRecord).map((result) => ({
    id: text(result.id, "(unnamed)"),
    level: text(result.level, "advisory"),
    status: normaliseStatus(text(result.status, "unknown")),
    violations: Array.isArray(result.violations) ? result.violations.length : typeof result.violations === "number" ? result.violations : 0,
  }));
  const violations = (Array.isArray(report.violations) ? report.violations : []).filter(isRecord).map((violation) => ({
    policy: text(violation.policy, "?"),
    level: text(violation.level, "advisory"),
    resource: text(violation.resource, ""),
    message: text(violation.message, ""),
    remediation: text(violation.remediation, ""),
    where: typeof violation.file === "string" ? `${violation.file}${typeof violation.line === "number" ? `:${violation.line}` : ""}` : "",
  }));
  const blocked = report.blocked === true || results.some((r) => r.status === "failed" && r.level === "mandatory");
  return { results, violations, blocked };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function text(value: unknown, fallback: string): string {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : fallback;
}

function normaliseStatus(status: string): string {
  if (status === "pass" || status === "ok") return "passed";
  if (status === "fail") return "failed";
  return status;
}

export function policyLine(policy: PolicyView | undefined): string {
  if (!policy) return "";
  const count = (predicate: (row: PolicyRow) => boolean) => policy.results.filter(predicate).length;
  const parts = [`✅ ${count((r) => r.status === "passed")} passed`];
  const mandatory = count((r) => r.status === "failed" && r.level === "mandatory");
  const advisory = count((r) => r.status === "failed" && r.level !== "mandatory");
  const other = count((r) => r.status !== "passed" && r.status !== "failed");
  if (mandatory > 0) parts.push(`❌ ${mandatory} mandatory failed`);
  if (advisory > 0) parts.push(`⚠️ ${advisory} advisory failed`);
  if (other > 0) parts.push(`➖ ${other} skipped, disabled or errored`);
  const blocked = policy.blocked ? "\n\n⛔ **Blocked by policy**: apply refuses this change until the mandatory policies pass." : "";
  return `Policies: ${parts.join(" · ")}${blocked}`;
}

const statusIcon: Record<string, string> = { passed: "✅ passed", failed: "❌ failed", skipped: "➖ skipped", disabled: "➖ disabled", error: "💥 error" };

export function policySection(policy: PolicyView | undefined): string[] {
  if (!policy || policy.results.length + policy.violations.length === 0) return [];
  const lines = ["#### Policies", "", "| Policy | Level | Result | Violations |", "|---|---|---|--:|"];
  for (const row of [...policy.results].sort((a, b) => policyRank(a) - policyRank(b)).slice(0, maxTableRows)) {
    const result = row.status === "failed" && row.level !== "mandatory" ? "⚠️ failed" : (statusIcon[row.status] ?? escapeMarkdown(row.status));
    lines.push(`| ${escapeMarkdown(row.id)} | ${escapeMarkdown(row.level)} | ${result} | ${row.violations} |`);
  }
  if (policy.violations.length > 0) {
    lines.push("", "| Policy | Resource | Problem | Fix | Where |", "|---|---|---|---|---|");
    for (const v of policy.violations.slice(0, maxTableRows / 2)) {
      const cells = [escapeMarkdown(`${v.policy} (${v.level})`), v.resource ? codeSpan(v.resource) : "", escapeMarkdown(v.message), escapeMarkdown(v.remediation), v.where ? codeSpan(v.where) : ""];
      lines.push(`| ${cells.join(" | ")} |`);
    }
    if (policy.violations.length > maxTableRows / 2) lines.push("", `… and ${policy.violations.length - maxTableRows / 2} more violations.`);
  }
  return [...lines, ""];
}

/** Failures first, so the rows that matter are at the top of the table. */
function policyRank(row: PolicyRow): number {
  if (row.status === "failed") return row.level === "mandatory" ? 0 : 2;
  if (row.status === "error") return 1;
  return row.status === "passed" ? 4 : 3;
}
