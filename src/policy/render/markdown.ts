// A pull-request comment: verdict, a table of every evaluated policy, then the violations.
import type { PolicyReport, PolicyStatus } from "../types.ts";
import { floorApplied, summarize, where } from "./summary.ts";

const statusIcon: Record<PolicyStatus, string> = {
  passed: "✅ passed", failed: "❌ failed", skipped: "⏭️ skipped", disabled: "➖ disabled", error: "💥 error",
};

/** Table cells: no pipes or newlines, and no HTML. */
function cell(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll("|", "\\|").replace(/\r?\n/g, " ");
}

export function renderMarkdown(report: PolicyReport): string {
  const s = summarize(report);
  const out: string[] = [];
  out.push(report.blocked ? "### ❌ Policy check: blocked" : s.advisory_violations > 0 ? "### ⚠️ Policy check: passed with warnings" : "### ✅ Policy check: passed");
  out.push("", `${s.evaluated} policies evaluated: ${s.passed} passed, ${s.failed} failed, ${s.errors} errors. ${s.mandatory_violations} mandatory and ${s.advisory_violations} advisory violations, ${s.exempted} exempted.`, "");
  if (report.floor) out.push(`Policy floor: \`${cell(report.floor.file)}\` (its levels and parameters are the minimum; ⬆️ marks what it decided).`, "");
  out.push("| Policy | Level | Result | Violations |", "|---|---|---|---|");
  for (const r of report.results) {
    const count = r.exempted ? `${r.violations} (+${r.exempted} exempted)` : String(r.violations);
    const floor = r.floor?.applied.length ? ` ⬆️ floor: ${cell(floorApplied(r))}` : "";
    out.push(`| \`${cell(r.id)}\` | ${r.level}${floor} | ${statusIcon[r.status]} | ${count} |`);
  }
  if (report.violations.length > 0) {
    out.push("", "#### Violations", "", "| Level | Policy | Resource | Where | Message | Fix |", "|---|---|---|---|---|---|");
    for (const v of report.violations) {
      out.push(`| ${v.level} | \`${cell(v.policy)}\` | \`${cell(v.resource)}\` | ${cell(where(v))} | ${cell(v.message)} | ${cell(v.remediation)} |`);
    }
  }
  if (report.diagnostics.length > 0) {
    out.push("", "#### Problems", "", "| Severity | Where | Code | Message |", "|---|---|---|---|");
    for (const d of report.diagnostics) out.push(`| ${d.severity} | ${cell(where(d))} | \`${cell(d.code)}\` | ${cell(d.message)} |`);
  }
  if (report.exempted.length > 0) {
    out.push("", "<details><summary>Exempted</summary>", "", "| Policy | Resource | Reason | Expires |", "|---|---|---|---|");
    for (const e of report.exempted) out.push(`| \`${cell(e.policy)}\` | \`${cell(e.resource)}\` | ${cell(e.exemption.reason)} | ${e.exemption.expires ?? ""} |`);
    out.push("", "</details>");
  }
  return `${out.join("\n")}\n`;
}
