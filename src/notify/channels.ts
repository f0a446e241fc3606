// Every notification channel, one line each. The shared channel test runs against every entry,
// and ChannelId makes it fail to compile when a channel has no test case.
import type { ChannelInput } from "./channel.ts";
import { emailChannel } from "./email.ts";
import { githubStatusChannel } from "./github-status.ts";
import { createRedactor, secretValues, type Redactor } from "../shared/redact.ts";
import { slackChannel } from "./slack.ts";
import type { Notifier } from "./types.ts";
import { webhookChannel } from "./webhook.ts";

export const channels = [slackChannel, webhookChannel, emailChannel, githubStatusChannel] as const;

export type ChannelId = (typeof channels)[number]["id"];

export interface ChannelsSetup {
  notifiers: Notifier[];
  redact: Redactor;
  warnings: string[];
}

/** Sets up every channel the stack's `notify:` section turns on; a missing variable is a warning, not an error. */
export function setupChannels(input: ChannelInput): ChannelsSetup {
  const notifiers: Notifier[] = [];
  const warnings: string[] = [];
  // Every secret of the environment, not only the channels' own: a failure message can carry any of them.
  const secrets: (string | undefined)[] = secretValues(input.env);
  for (const channel of channels) {
    const setup = channel.setup(input);
    if (setup.notifier) notifiers.push(setup.notifier);
    warnings.push(...setup.warnings);
    secrets.push(...setup.secrets);
  }
  return { notifiers, redact: createRedactor(secrets), warnings };
}
