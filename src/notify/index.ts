// Notifications: the port, the channel registry, deduplication and the dispatcher the daemon calls.
export type { NotifyEvent, NotifyEventKind, Notifier, NotificationMessage } from "./types.ts";
export { announcedKinds } from "./types.ts";
export { createNotificationDispatcher, type NotificationDispatcher, type DispatchResult, type DispatcherOptions } from "./dispatcher.ts";
export { createFileDedupeStore, createMemoryDedupeStore, driftFingerprint, type DedupeStore, type Announcement } from "./dedupe.ts";
export { channels, setupChannels, type ChannelId, type ChannelsSetup } from "./channels.ts";
export { defineChannel, type NotifierChannel, type ChannelInput, type ChannelSetup } from "./channel.ts";
export { createRedactor, type Redactor } from "../shared/redact.ts";
export { createSlackNotifier } from "./slack.ts";
export { createWebhookNotifier, signatureHeader } from "./webhook.ts";
export { createEmailNotifier } from "./email.ts";
export { createGithubStatusNotifier, githubRepository } from "./github-status.ts";
export { buildMessage } from "./message.ts";
export { createDaemonNotifications, type DaemonNotifications, type DaemonNotificationsOptions } from "./setup.ts";
