// Octokit failures as our ApiError, with a hint for the usual causes, so the CLI prints one clear line.
import { RequestError } from "octokit";
import { ApiError } from "../shared/errors.ts";

const hints: Record<number, string> = {
  401: "GITHUB_TOKEN is wrong or expired",
  403: "the token lacks a permission (pull-requests: write for comments, issues: write for drift issues, statuses: write) or the rate limit did not pass in time",
  404: "check GITHUB_REPOSITORY, the pull request number and GITHUB_API_URL",
  422: "GitHub refused the content; rerun with CFGITOPS_LOG_LEVEL=debug",
};

export function toApiError(error: unknown): unknown {
  if (!(error instanceof RequestError)) return error;
  const url = error.request.url.replace(/^https?:\/\/[^/]+/, "").replace(/\?.*$/, "");
  const route = `${error.request.method} ${url}`;
  const hint = hints[error.status] ?? "GitHub or the network failed; rerun the job";
  return new ApiError(`GitHub answered ${error.status} to ${route}: ${error.message}`, { status: error.status, route, hint, cause: error });
}
