// The machine-readable report: every evaluated policy with its result, not only the violations.
import type { PolicyReport } from "../types.ts";
import { summarize } from "./summary.ts";

export function policyReportToJson(report: PolicyReport) {
  return {
    blocked: report.blocked,
    summary: summarize(report),
    results: report.results,
    violations: report.violations,
    exempted: report.exempted,
    diagnostics: report.diagnostics,
    ...(report.floor ? { floor: report.floor } : {}),
  };
}
