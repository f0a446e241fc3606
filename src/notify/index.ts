// Notifications: the port, its adapters, deduplication and the dispatcher the daemon calls.
export type { NotifyEvent, NotifyEventKind, Notifier, NotificationMessage } from "./types.ts";
export { announcedKinds } from "./types.ts";
export { createNotificationDispatcher, type NotificationDispatcher, type DispatchResult, type DispatcherOptions } from "./dispatcher.ts";
export { createFileDedupeStore, createMemoryDedupeStore, driftFingerprint, type DedupeStore, type Announcement } from "./dedupe.ts";
export { createNotifiersFromConfig, type NotifierSetup } from "./from-config.ts";
export { createRedactor, type Redactor } from "./redact.ts";
export { createSlackNotifier } from "./slack.ts";
export { createWebhookNotifier, signatureHeader } from "./webhook.ts";
export { createEmailNotifier } from "./email.ts";
export { createGithubStatusNotifier } from "./github-status.ts";
export { buildMessage } from "./message.ts";
export { createDaemonNotifications, githubRepository, type DaemonNotifications, type DaemonNotificationsOptions } from "./setup.ts";
