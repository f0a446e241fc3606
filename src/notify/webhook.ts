// A generic JSON webhook, signed like GitHub's: X-CfGitops-Signature-256: sha256=<hex HMAC of the body>.
import { signPayload } from "../shared/hmac-signature.ts";
import { defineChannel, secretFromEnv, type ChannelSetup } from "./channel.ts";
import { postJson } from "./http-post.ts";
import { announcedKinds, type NotificationMessage, type Notifier } from "./types.ts";

export const signatureHeader = "x-cfgitops-signature-256";

export const webhookChannel = defineChannel({
  id: "webhook",
  setup(input) {
    const setup: ChannelSetup = { warnings: [], secrets: [] };
    const url = secretFromEnv(input, input.config.webhook_url_env, "the webhook", setup);
    const secret = secretFromEnv(input, input.config.webhook_secret_env, "webhook signing", setup);
    if (!url) return setup;
    setup.notifier = createWebhookNotifier({ url, ...(secret ? { secret } : {}) });
    if (!secret) setup.warnings.push("the webhook is sent unsigned: set notify.webhook_secret_env");
    return setup;
  },
});

export function createWebhookNotifier(options: { url: string; secret?: string; timeoutMs?: number }): Notifier {
  return {
    name: "webhook",
    accepts: (event) => announcedKinds.includes(event.kind),
    async send(message) {
      const body = JSON.stringify(webhookPayload(message));
      const headers: Record<string, string> = { "x-cfgitops-event": message.event.kind };
      if (options.secret) headers[signatureHeader] = signPayload(options.secret, body);
      await postJson(options.url, body, headers, options.timeoutMs);
    },
  };
}

export function webhookPayload(message: NotificationMessage) {
  const { event } = message;
  return {
    event: event.kind,
    stack: event.stack,
    run_kind: event.runKind ?? null,
    run_id: event.runId ?? null,
    commit: event.commit ?? null,
    branch: event.branch ?? null,
    title: message.title,
    text: message.text,
    changes: (event.changes ?? []).map((change) => ({
      kind: change.kind, id: change.id, zone: change.zone ?? null, op: change.op, fields: change.fields,
      ...(change.changedBy ? { changed_by: change.changedBy } : {}),
    })),
    ...(event.attributionNote ? { attribution_note: event.attributionNote } : {}),
    policies: event.policies ?? [],
    url: event.url ?? null,
    sent_at: new Date().toISOString(),
  };
}
