// The commit status cf-gitops/apply on the commit the daemon applies.
import { setCommitStatus, type CommitState } from "../github/commit-status.ts";
import type { GithubRepo } from "../github/repo.ts";
import type { Notifier, NotifyEventKind } from "./types.ts";

const states: Partial<Record<NotifyEventKind, CommitState>> = { "apply-started": "pending", applied: "success", failure: "failure", blocked: "failure" };

export function createGithubStatusNotifier(options: { target: GithubRepo }): Notifier {
  return {
    name: "github-status",
    // Drift is about Cloudflare, not about a commit: only apply runs set the status.
    accepts: (event) => states[event.kind] !== undefined && event.commit !== undefined && (event.runKind ?? "apply") === "apply",
    async send(message) {
      const { event } = message;
      const state = states[event.kind];
      if (!state || !event.commit) return;
      const description = event.kind === "applied" ? "applied to Cloudflare" : event.kind === "apply-started" ? "applying to Cloudflare" : message.title.replace(/^cf-gitops: /, "");
      await setCommitStatus(options.target, { sha: event.commit, state, description: event.summary && event.kind === "failure" ? `${description}: ${event.summary}` : description, ...(event.url ? { targetUrl: event.url } : {}) });
    },
  };
}
