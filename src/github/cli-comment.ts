// `cf-gitops github comment`: the sticky plan comment on a pull request, plus the job summary.
import type { CliIo } from "../cli/io.ts";
import { parseFlags } from "../cli/args.ts";
import { renderMarkdown } from "../plan/render-markdown.ts";
import { UsageError } from "../shared/errors.ts";
import { githubContext, resolvePath, summaryMaxChars, writeSummary, type ClientTuning } from "./cli-context.ts";
import { planMarker } from "./markers.ts";
import { readReportFile, ReportFileError } from "./report-file.ts";
import { upsertStickyComment } from "./sticky-comment.ts";

export const commentHelp = `cf-gitops github comment: post or update the plan comment on a pull request.

Usage: cf-gitops github comment --pr N --file plan.json [--stack NAME] [--summary-file FILE]

  --pr N              the pull request number (\${{ github.event.pull_request.number }})
  --file FILE         the JSON written by: cf-gitops plan --format json > FILE (or a saved plan,
                      cf-gitops plan --out FILE); the comment shows the plan's fingerprint
  --stack NAME        the stack the comment is for (default: the "stack" in FILE); one comment per stack
  --summary-file FILE where to append the full report (default: $GITHUB_STEP_SUMMARY)

The comment carries a hidden marker <!-- cf-gitops:plan stack=NAME --> and is edited in place on
every run, never repeated. It stays under GitHub's 65,536-character limit: a big plan is cut with
"… and N more changes", and the full report goes to the job summary.
If FILE is empty or unreadable and --stack is given, the comment is replaced by a notice that the
plan failed, so reviewers never see a stale plan; the command then exits 1.

Environment: GITHUB_TOKEN (pull-requests: write), GITHUB_REPOSITORY, GITHUB_API_URL.
`;

export async function runComment(argv: string[], io: CliIo, tuning: ClientTuning = {}): Promise<number> {
  const { values } = parseFlags(argv, { pr: { type: "string" }, file: { type: "string" }, stack: { type: "string" }, "summary-file": { type: "string" } }, "github comment");
  const pr = Number(values.pr);
  if (values.pr === undefined || !Number.isInteger(pr) || pr <= 0) throw new UsageError(`--pr needs a pull request number; got ${JSON.stringify(values.pr ?? "nothing")}`, { hint: "run: cf-gitops github comment --help" });
  if (!values.file) throw new UsageError("--file is required", { hint: "cf-gitops plan --format json > plan.json, then --file plan.json" });
  const context = githubContext(io, tuning);
  let report;
  try {
    report = await readReportFile(resolvePath(io, values.file), "plan", values.file);
  } catch (error) {
    if (error instanceof ReportFileError && values.stack) await postFailureNotice(context, pr, values.stack, error.message);
    throw error;
  }
  const stack = values.stack ?? report.plan.stack;
  const summary = await writeSummary(io, values["summary-file"], renderMarkdown(report, { maxChars: summaryMaxChars, truncatedNote: "(the job summary holds 1 MiB; the full plan is in the plan JSON)" }));
  const body = renderMarkdown(report, summary ? {} : { truncatedNote: `(full plan in ${values.file})` });
  const result = await upsertStickyComment(context.target, { issueNumber: pr, marker: planMarker(stack), body });
  io.stdout.write(`comment ${result.action}: ${result.url}\n`);
  if (summary) io.stdout.write(`job summary written to ${summary}\n`);
  return 0;
}

async function postFailureNotice(context: ReturnType<typeof githubContext>, pr: number, stack: string, reason: string): Promise<void> {
  const run = context.env.runUrl ? ` See [the workflow run](${context.env.runUrl}).` : "";
  const body = `### cf-gitops plan: stack \`${stack.replace(/`/g, "")}\`\n\n❌ **No plan**: the plan step failed (${reason.replace(/[<>`]/g, "")}).${run}\n`;
  await upsertStickyComment(context.target, { issueNumber: pr, marker: planMarker(stack), body });
}
