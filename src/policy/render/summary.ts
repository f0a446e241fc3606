// Counts shared by every renderer.
import type { LevelSource, PolicyReport, PolicyResult } from "../types.ts";

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

/** "level, min_deletions": what of a policy's setting came from the floor. */
export function floorApplied(result: PolicyResult): string {
  return (result.floor?.applied ?? []).map((item) => item.replace(/^params\./, "")).join(", ");
}

/** The policy floor in force and what it decided (text output). */
export function floorLines(report: PolicyReport): string[] {
  if (!report.floor) return [];
  const covered = report.results.filter((r) => r.floor);
  const decided = covered.filter((r) => r.floor!.applied.length > 0).map((r) => `${r.id} (${floorApplied(r)})`);
  return [
    `policy floor ${report.floor.file}: covers ${covered.length} polic${covered.length === 1 ? "y" : "ies"}; ${decided.length > 0 ? `from the floor: ${decided.join(", ")}` : "the repository is as strict or stricter everywhere"}`,
  ];
}

/** "policies/policy.yaml:14", "its own level (policies/x.ts)", "default (policies/policy.yaml:8)": where a level came from. */
export function levelSourceText(source: LevelSource | undefined): string {
  if (!source) return "";
  const at = source.file ? `${source.file}${source.line ? `:${source.line}` : ""}` : "";
  switch (source.from) {
    case "entry":
      return at;
    case "policy":
      return `its own level${at ? ` (${at})` : " (built-in)"}`;
    case "default":
      return `default (${at})`;
    case "floor":
      return `policy floor (${at})`;
    case "unloaded":
      return "did not load, so its own level is unknown: an error unless policy.yaml disables it";
    default:
      return "no level anywhere: advisory";
  }
}

/** One line per policy: level, id, where the level came from (the `policy` command's text output). */
export function levelLines(report: PolicyReport): string[] {
  if (report.results.length === 0) return [];
  const width = Math.max(...report.results.map((r) => r.id.length));
  return [
    "levels (policies/policy.yaml's entry, else the policy's own level, else policy.yaml's default):",
    ...report.results.map((r) => `  ${r.level.padEnd(9)} ${r.id.padEnd(width)}  ${levelSourceText(r.levelFrom)}`.trimEnd()),
  ];
}
