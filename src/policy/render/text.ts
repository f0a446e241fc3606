// Terminal output: violations first (mandatory before advisory), then problems, then one verdict line.
import type { PolicyReport } from "../types.ts";
import { verdict, where } from "./summary.ts";

export function renderText(report: PolicyReport): string {
  const lines: string[] = [];
  for (const v of report.violations) {
    const tag = v.level === "mandatory" ? "error" : "warning";
    lines.push(`${where(v) || v.resource}: ${tag} [${v.policy}] ${v.message}`);
    lines.push(`    resource: ${v.resource}`);
    lines.push(`    fix: ${v.remediation}`);
  }
  for (const d of report.diagnostics) {
    lines.push(`${where(d)}: ${d.severity} [${d.code}] ${d.message}`);
    if (d.hint) lines.push(`    hint: ${d.hint}`);
  }
  for (const e of report.exempted) {
    lines.push(`exempted [${e.policy}] ${e.resource}: ${e.exemption.reason}${e.exemption.expires ? ` (until ${e.exemption.expires})` : ""}`);
  }
  for (const r of report.results.filter((r) => r.status === "error")) lines.push(`error ${r.id}: ${r.note ?? ""}`);
  const skipped = report.results.filter((r) => r.status === "skipped").map((r) => r.id);
  if (skipped.length > 0) lines.push(`skipped (need a plan; they run in plan, apply and the daemon): ${skipped.join(", ")}`);
  lines.push(verdict(report));
  return `${lines.join("\n")}\n`;
}
