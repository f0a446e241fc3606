// Counts shared by every renderer.
import type { PolicyReport } from "../types.ts";

export interface PolicySummary {
  evaluated: number;
  passed: number;
  failed: number;
  skipped: number;
  disabled: number;
  errors: number;
  mandatory_violations: number;
  advisory_violations: number;
  exempted: number;
}

export function summarize(report: PolicyReport): PolicySummary {
  const count = (status: string) => report.results.filter((r) => r.status === status).length;
  return {
    evaluated: report.results.filter((r) => r.status !== "disabled" && r.status !== "skipped").length,
    passed: count("passed"),
    failed: count("failed"),
    skipped: count("skipped"),
    disabled: count("disabled"),
    errors: count("error"),
    mandatory_violations: report.violations.filter((v) => v.level === "mandatory").length,
    advisory_violations: report.violations.filter((v) => v.level === "advisory").length,
    exempted: report.exempted.length,
  };
}

export function verdict(report: PolicyReport): string {
  const s = summarize(report);
  const head = report.blocked ? "BLOCKED" : s.advisory_violations > 0 ? "passed with warnings" : "passed";
  const errors = report.diagnostics.filter((d) => d.severity === "error").length;
  const why = report.blocked && errors > 0 ? ` (${errors} error${errors === 1 ? "" : "s"} in the input or policy configuration)` : "";
  return `policy ${head}${why}: ${s.evaluated} evaluated, ${s.passed} passed, ${s.failed} failed, ${s.errors} errors; ${s.mandatory_violations} mandatory and ${s.advisory_violations} advisory violations, ${s.exempted} exempted`;
}

export function where(item: { file?: string; line?: number; column?: number }): string {
  if (!item.file) return "";
  return item.line ? `${item.file}:${item.line}:${item.column ?? 1}` : item.file;
}
