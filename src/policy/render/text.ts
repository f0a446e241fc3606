// Terminal output: violations first (mandatory before advisory), then problems, then one verdict line.
import type { PolicyReport } from "../types.ts";
import { floorLines, levelLines, verdict, where } from "./summary.ts";

/** Advisory violations shown per policy; the rest are counted (every one is in --format json). */
const advisoryShown = 10;

/** `levels`: list every policy with its level and where it came from (`cf-gitops policy`). */
export function renderText(report: PolicyReport, options: { levels?: boolean } = {}): string {
  const lines: string[] = [];
  const shown = new Map<string, number>();
  for (const v of report.violations) {
    const count = (shown.get(v.policy) ?? 0) + 1;
    shown.set(v.policy, count);
    if (v.level === "advisory" && count > advisoryShown) continue;
    const tag = v.level === "mandatory" ? "error" : "warning";
    lines.push(`${where(v) || v.resource}: ${tag} [${v.policy}] ${v.message}`);
    lines.push(`    resource: ${v.resource}`);
    lines.push(`    fix: ${v.remediation}`);
  }
  for (const [policy, count] of shown) {
    if (count > advisoryShown && report.violations.some((v) => v.policy === policy && v.level === "advisory")) {
      lines.push(`warning [${policy}] ... and ${count - advisoryShown} more (see --format json)`);
    }
  }
  for (const d of report.diagnostics) {
    lines.push(`${where(d)}: ${d.severity} [${d.code}] ${d.message}`);
    if (d.hint) lines.push(`    hint: ${d.hint}`);
  }
  for (const e of report.exempted) {
    lines.push(`exempted [${e.policy}] ${e.resource}: ${e.exemption.reason}${e.exemption.expires ? ` (until ${e.exemption.expires})` : ""}`);
  }
  for (const r of report.results.filter((r) => r.status === "error")) lines.push(`error ${r.id}: ${r.note ?? ""}`);
  if (options.levels) lines.push(...levelLines(report));
  lines.push(...floorLines(report));
  const skipped = report.results.filter((r) => r.status === "skipped").map((r) => r.id);
  if (skipped.length > 0) lines.push(`skipped (need a plan; they run in plan, apply and the daemon): ${skipped.join(", ")}`);
  lines.push(verdict(report));
  return `${lines.join("\n")}\n`;
}
