// A Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat, Discord's /slack endpoint).
import { defineChannel, secretFromEnv, type ChannelSetup } from "./channel.ts";
import { postJson } from "./http-post.ts";
import { announcedKinds, type NotificationMessage, type Notifier } from "./types.ts";

export const slackChannel = defineChannel({
  id: "slack",
  setup(input) {
    const setup: ChannelSetup = { warnings: [], secrets: [] };
    const url = secretFromEnv(input, input.config.slack_webhook_env, "the Slack webhook", setup);
    if (url) setup.notifier = createSlackNotifier({ url });
    return setup;
  },
});

export function createSlackNotifier(options: { url: string; timeoutMs?: number }): Notifier {
  return {
    name: "slack",
    accepts: (event) => announcedKinds.includes(event.kind),
    send: (message) => postJson(options.url, JSON.stringify(slackPayload(message)), {}, options.timeoutMs),
  };
}

export function slackPayload(message: NotificationMessage): { text: string; blocks: unknown[] } {
  const details = message.text.split("\n").slice(1).filter((line) => line !== "" && !message.items.includes(line));
  const blocks: unknown[] = [{ type: "section", text: { type: "mrkdwn", text: `*${escapeSlack(message.title)}*` } }];
  if (details.length > 0) blocks.push({ type: "section", text: { type: "mrkdwn", text: escapeSlack(details.join("\n")) } });
  if (message.items.length > 0) blocks.push({ type: "section", text: { type: "mrkdwn", text: `\`\`\`${escapeSlack(message.items.join("\n")).replace(/`/g, "'")}\`\`\`` } });
  return { text: message.title, blocks };
}

/** Slack's mrkdwn treats only these three as control characters. */
function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
