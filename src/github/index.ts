// GitHub integration (octokit): sticky PR comments, drift issues, commit statuses.
export { createGithubClient, type GithubClient, type GithubClientOptions } from "./client.ts";
export { readGithubEnv, type GithubEnv } from "./env.ts";
export type { GithubRepo } from "./repo.ts";
export { planMarker, driftMarker } from "./markers.ts";
export { upsertStickyComment, type StickyCommentResult } from "./sticky-comment.ts";
export { syncDriftIssue, driftLabel, type DriftIssueInput, type DriftIssueResult } from "./drift-issue.ts";
export { setCommitStatus, applyStatusContext, type CommitState, type CommitStatusInput } from "./commit-status.ts";
export { readReportFile, type ReportFile } from "./report-file.ts";
