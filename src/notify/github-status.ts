// The commit status cf-gitops/apply on the commit the daemon applies. The octokit client is
// created on the first send, so a daemon with the channel on but nothing applied yet stays small.
import { setCommitStatus, type CommitState } from "../github/commit-status.ts";
import type { GithubRepo } from "../github/repo.ts";
import { defineChannel, lazy, type ChannelInput, type ChannelSetup } from "./channel.ts";
import type { Notifier, NotifyEventKind } from "./types.ts";

const states: Partial<Record<NotifyEventKind, CommitState>> = { "apply-started": "pending", applied: "success", failure: "failure", blocked: "failure" };

export const githubStatusChannel = defineChannel({
  id: "github-status",
  setup(input) {
    const setup: ChannelSetup = { warnings: [], secrets: [] };
    const token = input.env.GITHUB_TOKEN;
    // On by default whenever a token is present; without one the channel is simply not in use.
    if (input.config.github_status === false || !token) return setup;
    setup.secrets.push(token);
    const [owner, repo] = (input.env.GITHUB_REPOSITORY ?? (input.repoUrl ? githubRepository(input.repoUrl) : undefined))?.split("/") ?? [];
    if (!owner || !repo) {
      setup.warnings.push("the commit status is off: set GITHUB_REPOSITORY=owner/name (or track a github.com repository)");
      return setup;
    }
    setup.notifier = createGithubStatusNotifier({ target: lazyTarget(input, token, owner, repo) });
    return setup;
  },
});

function lazyTarget(input: ChannelInput, token: string, owner: string, repo: string): () => Promise<GithubRepo> {
  const apiUrl = input.env.GITHUB_API_URL;
  return lazy(async () => {
    const { createGithubClient } = await import("../github/client.ts");
    return { client: createGithubClient({ token, log: input.log, ...(apiUrl ? { apiUrl } : {}) }), owner, repo };
  });
}

/** owner/name from https://github.com/owner/name(.git) or git@github.com:owner/name(.git). */
export function githubRepository(url: string): string | undefined {
  const match = /^(?:https?:\/\/(?:[^@/]+@)?github\.com\/|git@github\.com:|ssh:\/\/git@github\.com\/)([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url.trim());
  return match ? `${match[1]}/${match[2]}` : undefined;
}

export function createGithubStatusNotifier(options: { target: GithubRepo | (() => Promise<GithubRepo>) }): Notifier {
  const target = options.target;
  return {
    name: "github-status",
    // Drift is about Cloudflare, not about a commit: only apply runs set the status.
    accepts: (event) => states[event.kind] !== undefined && event.commit !== undefined && (event.runKind ?? "apply") === "apply",
    async send(message) {
      const { event } = message;
      const state = states[event.kind];
      if (!state || !event.commit) return;
      const description = event.kind === "applied" ? "applied to Cloudflare" : event.kind === "apply-started" ? "applying to Cloudflare" : message.title.replace(/^cf-gitops: /, "");
      const repository = typeof target === "function" ? await target() : target;
      await setCommitStatus(repository, { sha: event.commit, state, description: message.summary && event.kind === "failure" ? `${description}: ${message.summary}` : description, ...(event.url ? { targetUrl: event.url } : {}) });
    },
  };
}
