// A notification channel as a plugin: it reads the stack's `notify:` section and the environment,
// and either gives a notifier or says why it is off. Whether a channel is "configured" is exactly
// whether its setup gives a notifier, so nothing else has to know a channel's settings.
import type { NotifyConfig } from "../desired-state/types.ts";
import type { Logger } from "../shared/logger.ts";
import type { Notifier } from "./types.ts";

export interface ChannelInput {
  config: Partial<NotifyConfig>;
  env: NodeJS.ProcessEnv;
  log: Logger;
  /** The tracked repository's URL (a GitHub URL names the repository for commit statuses). */
  repoUrl?: string;
}

export interface ChannelSetup {
  notifier?: Notifier;
  /** Why a channel the config asks for is off or weaker than asked (an unset variable...). */
  warnings: string[];
  /** Secret values the channel read (URLs, passwords, tokens): redacted from every message. */
  secrets: string[];
}

export interface NotifierChannel<Id extends string = string> {
  readonly id: Id;
  /** Cheap and synchronous: heavy clients (SMTP, octokit) are loaded on the first send. */
  setup(input: ChannelInput): ChannelSetup;
}

/** Keeps the channel's id as a literal type, so the registry can derive the ChannelId union. */
export function defineChannel<const Id extends string>(channel: NotifierChannel<Id>): NotifierChannel<Id> {
  return channel;
}

/** The value of the environment variable a setting names; a named but unset variable is a warning. */
export function secretFromEnv(input: ChannelInput, name: string | undefined, what: string, setup: ChannelSetup): string | undefined {
  if (!name) return undefined;
  const value = input.env[name];
  if (!value) {
    setup.warnings.push(`${what} is off: the environment variable ${name} is not set`);
    return undefined;
  }
  setup.secrets.push(value);
  return value;
}

/** Loads a heavy dependency once, on first use; a failed load is retried on the next use. */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}
