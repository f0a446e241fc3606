import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { coverageTable, measuredFigures, readmeFigures, readSummary, repoRoot, staleFigures, summaryFile, type CoverageSummary } from "./coverage-report.ts";

const summary: CoverageSummary = {
  total: {
    lines: { total: 1000, covered: 812, pct: 81.2 },
    statements: { total: 1100, covered: 880, pct: 80 },
    functions: { total: 300, covered: 255, pct: 85 },
    branches: { total: 500, covered: 360, pct: 72 },
  },
};

const readme = [
  "## Tests",
  "",
  "### Coverage",
  "",
  "| measure | covered |",
  "|---|--:|",
  "| lines | 80.1 % |",
  "| statements | 79.0 % |",
  "| functions | 87.5 % |",
  "| branches | 72.0 % |",
  "",
  "## Layout",
  "| lines | 10.0 % |",
].join("\n");

describe("the coverage report", () => {
  it("renders the four measures as a markdown table", () => {
    const table = coverageTable(summary);
    expect(table).toContain("| lines | 81.2 % | 812 / 1000 |");
    expect(table).toContain("| branches | 72.0 % | 360 / 500 |");
    expect(table.split("\n").filter((line) => line.startsWith("| "))).toHaveLength(5);
  });

  it("reads the README's figures from its Coverage section only", () => {
    expect(readmeFigures(readme)).toEqual({ lines: 80.1, statements: 79, functions: 87.5, branches: 72 });
    expect(readmeFigures("# no coverage here\n")).toEqual({});
  });

  it("accepts figures within two points and names each one further off or missing", () => {
    expect(staleFigures(readmeFigures(readme), measuredFigures(summary))).toEqual(["README.md says functions 87.5 %, measured 85.0 % (more than 2 points apart): update the table under \"### Coverage\""]);
    const { branches: _branches, ...withoutBranches } = readmeFigures(readme);
    expect(staleFigures(withoutBranches, measuredFigures(summary))).toContain("README.md states no branches coverage figure (measured 72.0 %)");
  });
});

describe("README.md's coverage figures", () => {
  const measured = readSummary();
  // `npm run coverage` clears coverage/ first, so inside that run this skips; .ci/run then runs
  // scripts/coverage-report.ts, which makes the same check on the fresh figures.
  if (measured === undefined) console.log(`README coverage check skipped: ${summaryFile} is missing (no \`npm run coverage\` has run here, or one is running now)`);
  it.skipIf(measured === undefined)("are within two points of the last coverage run", () => {
    const figures = readmeFigures(readFileSync(resolve(repoRoot, "README.md"), "utf8"));
    expect(staleFigures(figures, measuredFigures(measured!))).toEqual([]);
  });
});
