// One call for the daemon: the channels the stack's `notify:` section turns on (see channels.ts),
// and announcements remembered in the data dir.
import { join } from "node:path";
import type { StackConfig } from "../desired-state/types.ts";
import type { Logger } from "../shared/logger.ts";
import { setupChannels } from "./channels.ts";
import { createFileDedupeStore, type DedupeStore } from "./dedupe.ts";
import { createNotificationDispatcher, type NotificationDispatcher } from "./dispatcher.ts";

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
  /** Channel names that are on (empty: nothing to send). */
  channels: string[];
  warnings: string[];
}

export function createDaemonNotifications(options: DaemonNotificationsOptions): DaemonNotifications {
  const { env, log } = options;
  const setup = setupChannels({ config: options.stack.notify ?? {}, env, log, ...(options.repoUrl ? { repoUrl: options.repoUrl } : {}) });
  const dispatcher = createNotificationDispatcher({
    notifiers: setup.notifiers,
    store: options.store ?? createFileDedupeStore(join(options.dataDir, "notify-state.json")),
    repeatAfterSeconds: options.stack.notify?.repeat_after ?? 86_400,
    redact: setup.redact,
    log,
  });
  return { dispatcher, channels: setup.notifiers.map((notifier) => notifier.name), warnings: setup.warnings };
}
