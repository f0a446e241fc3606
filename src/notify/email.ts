// Email over SMTP through nodemailer; the SMTP URL (with its password) comes from the environment.
// nodemailer is loaded on the first send, so a daemon that never mails never loads it.
import { defineChannel, lazy, secretFromEnv, type ChannelSetup } from "./channel.ts";
import { announcedKinds, type Notifier } from "./types.ts";

export interface EmailOptions {
  /** smtp://user:pass@host:587 or smtps://...; never logged. */
  smtpUrl: string;
  from: string;
  to: string[];
  timeoutMs?: number;
}

export const emailChannel = defineChannel({
  id: "email",
  setup(input) {
    const setup: ChannelSetup = { warnings: [], secrets: [] };
    const email = input.config.email;
    const smtpUrl = email ? secretFromEnv(input, email.smtp_url_env, "email", setup) : undefined;
    if (email && smtpUrl) setup.notifier = createEmailNotifier({ smtpUrl, from: email.from, to: email.to });
    return setup;
  },
});

export function createEmailNotifier(options: EmailOptions): Notifier {
  const timeout = options.timeoutMs ?? 15_000;
  const transport = lazy(async () => {
    const { createTransport } = await import("nodemailer");
    return createTransport({ url: options.smtpUrl, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
  });
  return {
    name: "email",
    accepts: (event) => announcedKinds.includes(event.kind),
    async send(message) {
      await (await transport()).sendMail({ from: options.from, to: options.to, subject: message.title, text: message.text });
    },
  };
}
