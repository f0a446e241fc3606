// One open issue per stack while drift lasts: opened on drift, its body updated when the drift
// changes, and a comment plus close once Cloudflare matches git again.
import { RequestError } from "octokit";
import { hasMarker } from "./markers.ts";
import type { GithubRepo } from "./repo.ts";

export const driftLabel = "drift";

export interface DriftIssueInput {
  stack: string;
  marker: string;
  /** The report (without the marker); undefined when there is no drift. */
  body?: string;
  /** Shown in the closing comment, for example a link to the workflow run. */
  resolvedNote?: string;
}

export interface DriftIssueResult {
  action: "opened" | "updated" | "unchanged" | "closed" | "none";
  number?: number;
  url?: string;
}

export async function syncDriftIssue(target: GithubRepo, input: DriftIssueInput): Promise<DriftIssueResult> {
  const { client, owner, repo } = target;
  const open = await client.paginate(client.rest.issues.listForRepo, { owner, repo, state: "open", labels: driftLabel, per_page: 100 });
  const issue = open.find((candidate) => candidate.pull_request === undefined && hasMarker(candidate.body, input.marker));
  if (input.body === undefined) {
    if (!issue) return { action: "none" };
    const note = input.resolvedNote ? ` ${input.resolvedNote}` : "";
    await client.rest.issues.createComment({ owner, repo, issue_number: issue.number, body: `✅ Drift resolved: Cloudflare matches git again for stack \`${input.stack.replace(/`/g, "")}\`.${note}` });
    await client.rest.issues.update({ owner, repo, issue_number: issue.number, state: "closed", state_reason: "completed" });
    return { action: "closed", number: issue.number, url: issue.html_url };
  }
  const body = `${input.marker}\n${input.body}`;
  if (issue) {
    if (issue.body === body) return { action: "unchanged", number: issue.number, url: issue.html_url };
    await client.rest.issues.update({ owner, repo, issue_number: issue.number, body });
    return { action: "updated", number: issue.number, url: issue.html_url };
  }
  await ensureLabel(target);
  const title = `Drift detected in stack ${input.stack}`;
  const { data } = await client.rest.issues.create({ owner, repo, title, body, labels: [driftLabel] });
  return { action: "opened", number: data.number, url: data.html_url };
}

async function ensureLabel(target: GithubRepo): Promise<void> {
  const { client, owner, repo } = target;
  try {
    await client.rest.issues.getLabel({ owner, repo, name: driftLabel });
  } catch (error) {
    if (!(error instanceof RequestError) || error.status !== 404) throw error;
    await client.rest.issues.createLabel({ owner, repo, name: driftLabel, color: "d93f0b", description: "Cloudflare differs from git (cf-gitops)" });
  }
}
