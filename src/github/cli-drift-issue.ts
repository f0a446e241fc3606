// `cf-gitops github drift-issue`: open, update or close the stack's drift issue.
import type { CliIo } from "../cli/io.ts";
import { parseFlags } from "../cli/args.ts";
import { renderMarkdown } from "../plan/render-markdown.ts";
import { CfGitopsError, UsageError } from "../shared/errors.ts";
import { githubContext, resolvePath, summaryMaxChars, writeSummary, type ClientTuning } from "./cli-context.ts";
import { syncDriftIssue } from "./drift-issue.ts";
import { driftMarker } from "./markers.ts";
import { readReportFile } from "./report-file.ts";

export const driftIssueHelp = `cf-gitops github drift-issue: keep one GitHub issue per stack in step with its drift.

Usage: cf-gitops github drift-issue --file drift.json [--stack NAME] [--summary-file FILE]

  --file FILE         the JSON written by: cf-gitops drift --format json > FILE
  --stack NAME        the stack (default: the "stack" in FILE)
  --summary-file FILE where to append the full report (default: $GITHUB_STEP_SUMMARY)

With drift, it opens an issue labelled "drift" (creating the label if needed) with the field-level
report, or updates the open one when the report changed. Without drift, it comments on the open
issue and closes it. The issue is found again by <!-- cf-gitops:drift stack=NAME --> and the label.
When FILE holds errors (the drift check itself failed), the issue is left alone and it exits 1.

Environment: GITHUB_TOKEN (issues: write), GITHUB_REPOSITORY, GITHUB_API_URL.
`;

export async function runDriftIssue(argv: string[], io: CliIo, tuning: ClientTuning = {}): Promise<number> {
  const { values } = parseFlags(argv, { file: { type: "string" }, stack: { type: "string" }, "summary-file": { type: "string" } }, "github drift-issue");
  if (!values.file) throw new UsageError("--file is required", { hint: "cf-gitops drift --format json > drift.json, then --file drift.json" });
  const context = githubContext(io, tuning);
  const report = await readReportFile(resolvePath(io, values.file), "drift", values.file);
  const stack = values.stack ?? report.plan.stack;
  await writeSummary(io, values["summary-file"], renderMarkdown(report, { mode: "drift", maxChars: summaryMaxChars, truncatedNote: "(the job summary holds 1 MiB; the full report is in the drift JSON)" }));
  if (report.errors > 0) {
    throw new CfGitopsError(`the drift check for stack "${stack}" reported ${report.errors} errors; the drift issue was left as it is`, { hint: "see the diagnostics in the job summary or the drift step's log" });
  }
  const drifted = report.plan.changes.length > 0;
  const body = drifted ? renderMarkdown(report, { mode: "drift", truncatedNote: "(full report in the workflow's job summary)" }) : undefined;
  const run = context.env.runUrl ? `[Checked by this run](${context.env.runUrl}).` : undefined;
  const result = await syncDriftIssue(context.target, { stack, marker: driftMarker(stack), ...(body ? { body } : {}), ...(run ? { resolvedNote: run } : {}) });
  io.stdout.write(result.number === undefined ? `drift issue: ${result.action}\n` : `drift issue #${result.number} ${result.action}: ${result.url}\n`);
  return 0;
}
