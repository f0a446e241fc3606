// One call for the daemon: notifiers from the stack's `notify:` section, the commit status when a
// GitHub token and repository are known, and announcements remembered in the data dir.
import { join } from "node:path";
import type { StackConfig } from "../desired-state/types.ts";
import { createGithubClient } from "../github/client.ts";
import type { GithubRepo } from "../github/repo.ts";
import type { Logger } from "../shared/logger.ts";
import { createFileDedupeStore, type DedupeStore } from "./dedupe.ts";
import { createNotificationDispatcher, type NotificationDispatcher } from "./dispatcher.ts";
import { createNotifiersFromConfig } from "./from-config.ts";

export interface DaemonNotificationsOptions {
  stack: Pick<StackConfig, "notify">;
  env: NodeJS.ProcessEnv;
  dataDir: string;
  log: Logger;
  /** The tracked repository's URL; a GitHub URL names the repository for commit statuses. */
  repoUrl?: string;
  store?: DedupeStore;
}

export interface DaemonNotifications {
  dispatcher: NotificationDispatcher;
  /** Channel names that are on, for the start-up log. */
  channels: string[];
  warnings: string[];
}

export function createDaemonNotifications(options: DaemonNotificationsOptions): DaemonNotifications {
  const { env, log } = options;
  const github = githubTarget(env, options.repoUrl, log);
  const setup = createNotifiersFromConfig(options.stack.notify, env, github);
  const warnings = [...setup.warnings];
  if (options.stack.notify?.github_status !== false && env.GITHUB_TOKEN && !github) {
    warnings.push("the commit status is off: set GITHUB_REPOSITORY=owner/name (or track a github.com repository)");
  }
  const dispatcher = createNotificationDispatcher({
    notifiers: setup.notifiers,
    store: options.store ?? createFileDedupeStore(join(options.dataDir, "notify-state.json")),
    repeatAfterSeconds: options.stack.notify?.repeat_after ?? 86_400,
    redact: setup.redact,
    log,
  });
  return { dispatcher, channels: setup.notifiers.map((notifier) => notifier.name), warnings };
}

function githubTarget(env: NodeJS.ProcessEnv, repoUrl: string | undefined, log: Logger): GithubRepo | undefined {
  if (!env.GITHUB_TOKEN) return undefined;
  const named = env.GITHUB_REPOSITORY ?? (repoUrl ? githubRepository(repoUrl) : undefined);
  const [owner, repo] = named?.split("/") ?? [];
  if (!owner || !repo) return undefined;
  const client = createGithubClient({ token: env.GITHUB_TOKEN, log, ...(env.GITHUB_API_URL ? { apiUrl: env.GITHUB_API_URL } : {}) });
  return { client, owner, repo };
}

/** owner/name from https://github.com/owner/name(.git) or git@github.com:owner/name(.git). */
export function githubRepository(url: string): string | undefined {
  const match = /^(?:https?:\/\/(?:[^@/]+@)?github\.com\/|git@github\.com:|ssh:\/\/git@github\.com\/)([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url.trim());
  return match ? `${match[1]}/${match[2]}` : undefined;
}
