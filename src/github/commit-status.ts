// The commit status the daemon sets on the commit it applies.
import type { GithubRepo } from "./repo.ts";

export const applyStatusContext = "cf-gitops/apply";

export type CommitState = "pending" | "success" | "failure" | "error";

export interface CommitStatusInput {
  sha: string;
  state: CommitState;
  description: string;
  targetUrl?: string;
  context?: string;
}

export async function setCommitStatus(target: GithubRepo, input: CommitStatusInput): Promise<void> {
  const { client, owner, repo } = target;
  // GitHub rejects descriptions over 140 characters.
  const description = input.description.length > 140 ? `${input.description.slice(0, 139)}…` : input.description;
  await client.rest.repos.createCommitStatus({
    owner,
    repo,
    sha: input.sha,
    state: input.state,
    description,
    context: input.context ?? applyStatusContext,
    ...(input.targetUrl ? { target_url: input.targetUrl } : {}),
  });
}
