// After `npm run coverage` (.ci/run, ci.yml): prints the coverage table, appends it to the GitHub
// job summary when $GITHUB_STEP_SUMMARY is set, and fails when the README's figures are more than
// two points away from what was measured. The functions are tested in coverage-report.test.ts.
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const coverageMetrics = ["lines", "statements", "functions", "branches"] as const;
export type CoverageMetric = (typeof coverageMetrics)[number];
export type CoverageFigures = Record<CoverageMetric, number>;

interface Totals {
  total: number;
  covered: number;
  pct: number;
}
/** The `total` entry of vitest's `json-summary` reporter (coverage/coverage-summary.json). */
export type CoverageSummary = { total: Record<CoverageMetric, Totals> };

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const summaryFile = resolve(repoRoot, "coverage/coverage-summary.json");
/** How far the README may be from the measured figures, in percentage points. */
export const tolerance = 2;

export function measuredFigures(summary: CoverageSummary): CoverageFigures {
  return Object.fromEntries(coverageMetrics.map((metric) => [metric, summary.total[metric].pct])) as CoverageFigures;
}

export function coverageTable(summary: CoverageSummary): string {
  const rows = coverageMetrics.map((metric) => {
    const { covered, total, pct } = summary.total[metric];
    return `| ${metric} | ${pct.toFixed(1)} % | ${covered} / ${total} |`;
  });
  return ["### Coverage", "", "| measure | covered | of |", "|---|--:|--:|", ...rows, ""].join("\n");
}

/** The figures in the README's "### Coverage" table (`| lines | 81.2 % |`), by metric. */
export function readmeFigures(readme: string): Partial<CoverageFigures> {
  const start = readme.indexOf("\n### Coverage\n");
  if (start < 0) return {};
  const end = readme.indexOf("\n#", start + 2);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const figures: Partial<CoverageFigures> = {};
  for (const [, metric, value] of section.matchAll(/^\| (lines|statements|functions|branches) \| ([\d.]+) % \|/gm)) {
    figures[metric as CoverageMetric] = Number(value);
  }
  return figures;
}

/** One message per metric the README lacks or states more than `tolerance` points off. */
export function staleFigures(readme: Partial<CoverageFigures>, measured: CoverageFigures): string[] {
  return coverageMetrics.flatMap((metric) => {
    const stated = readme[metric];
    if (stated === undefined) return [`README.md states no ${metric} coverage figure (measured ${measured[metric].toFixed(1)} %)`];
    const gap = Math.abs(stated - measured[metric]);
    return gap > tolerance ? [`README.md says ${metric} ${stated} %, measured ${measured[metric].toFixed(1)} % (more than ${tolerance} points apart): update the table under "### Coverage"`] : [];
  });
}

export function readSummary(file = summaryFile): CoverageSummary | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as CoverageSummary) : undefined;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const summary = readSummary();
  if (summary === undefined) {
    process.stderr.write(`coverage-report: ${summaryFile} is missing: run \`npm run coverage\` first\n`);
    process.exit(1);
  }
  const table = coverageTable(summary);
  process.stdout.write(`${table}\n`);
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${table}\n`);
  const problems = staleFigures(readmeFigures(readFileSync(resolve(repoRoot, "README.md"), "utf8")), measuredFigures(summary));
  for (const problem of problems) process.stderr.write(`coverage-report: ${problem}\n`);
  process.exit(problems.length > 0 ? 1 : 0);
}
