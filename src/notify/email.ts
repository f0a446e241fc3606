// Email over SMTP through nodemailer; the SMTP URL (with its password) comes from the environment.
import { createTransport } from "nodemailer";
import { announcedKinds, type Notifier } from "./types.ts";

export interface EmailOptions {
  /** smtp://user:pass@host:587 or smtps://...; never logged. */
  smtpUrl: string;
  from: string;
  to: string[];
  timeoutMs?: number;
}

export function createEmailNotifier(options: EmailOptions): Notifier {
  const timeout = options.timeoutMs ?? 15_000;
  const transport = createTransport({ url: options.smtpUrl, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
  return {
    name: "email",
    accepts: (event) => announcedKinds.includes(event.kind),
    async send(message) {
      await transport.sendMail({ from: options.from, to: options.to, subject: message.title, text: message.text });
    },
  };
}
