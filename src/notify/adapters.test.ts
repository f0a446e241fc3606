// Each channel against a real local server: HTTP on 127.0.0.1 for the webhooks, smtp-server for email.
import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterEach, describe, expect, it } from "vitest";
import type { Change } from "../plan/types.ts";
import { createEmailNotifier } from "./email.ts";
import { buildMessage } from "./message.ts";
import { createRedactor } from "../shared/redact.ts";
import { createSlackNotifier } from "./slack.ts";
import type { NotifyEvent } from "./types.ts";
import { verifyPayload } from "../shared/hmac-signature.ts";
import { createWebhookNotifier } from "./webhook.ts";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function httpSink(status = 200): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(status).end(status === 200 ? "ok" : "nope");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/T000/SECRETPATH`, received };
}

const drift: Change[] = [
  { kind: "dns-record", id: "example.com/dns/www/A/203.0.113.10", zone: "example.com", op: "update", fields: ["ttl"], before: { ttl: 1 }, after: { ttl: 300 } },
  { kind: "firewall-rule", id: "example.com/firewall/<block>", zone: "example.com", op: "delete", fields: ["expression"] },
];
const token = "cf-token-0123456789abcdef";
const event: NotifyEvent = { kind: "drift-found", stack: "production", runKind: "drift", runId: 42, commit: "0123456789abcdef0123", changes: drift, summary: `read failed with token ${token}`, url: "http://pi.local:8080/" };
const redact = createRedactor([token]);

describe("Slack-compatible webhook", () => {
  it("posts {text, blocks} with the drift items, escaped, and no secret", async () => {
    const sink = await httpSink();
    await createSlackNotifier({ url: sink.url }).send(buildMessage(event, redact));
    expect(sink.received).toHaveLength(1);
    const payload = JSON.parse(sink.received[0]!.body) as { text: string; blocks: { text: { text: string } }[] };
    expect(payload.text).toBe("cf-gitops: drift found in stack production (2 resources)");
    const all = payload.blocks.map((block) => block.text.text).join("\n");
    expect(all).toContain("~ example.com/dns/www/A/203.0.113.10 (ttl)");
    expect(all).toContain("- example.com/firewall/&lt;block&gt;");
    expect(all).toContain("read failed with token [redacted]");
    expect(sink.received[0]!.body).not.toContain(token);
  });

  it("reports a refused delivery by status, without the secret URL", async () => {
    const sink = await httpSink(500);
    const error = await createSlackNotifier({ url: sink.url }).send(buildMessage(event, redact)).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe("webhook answered HTTP 500");
  });
});

describe("generic signed webhook", () => {
  it("signs the exact body with HMAC-SHA256 in X-CfGitops-Signature-256", async () => {
    const sink = await httpSink();
    await createWebhookNotifier({ url: sink.url, secret: "s3cret-for-hmac" }).send(buildMessage(event, redact));
    const { headers, body } = sink.received[0]!;
    const expected = `sha256=${createHmac("sha256", "s3cret-for-hmac").update(body).digest("hex")}`;
    expect(headers["x-cfgitops-signature-256"]).toBe(expected);
    expect(headers["x-cfgitops-event"]).toBe("drift-found");
    expect(verifyPayload("s3cret-for-hmac", body, expected)).toBe(true);
    expect(verifyPayload("s3cret-for-hmac", body.replace("production", "staging"), expected)).toBe(false);
    expect(verifyPayload("other-secret", body, expected)).toBe(false);
    const payload = JSON.parse(body) as Record<string, unknown>;
    expect(payload).toMatchObject({ event: "drift-found", stack: "production", run_id: 42, commit: "0123456789abcdef0123" });
    expect(payload.changes).toEqual([
      { kind: "dns-record", id: "example.com/dns/www/A/203.0.113.10", zone: "example.com", op: "update", fields: ["ttl"] },
      { kind: "firewall-rule", id: "example.com/firewall/<block>", zone: "example.com", op: "delete", fields: ["expression"] },
    ]);
    expect(body).not.toContain(token);
    expect(body).not.toContain("s3cret-for-hmac");
  });
});

describe("email over SMTP", () => {
  it("delivers the message to a real SMTP server, with the subject and items and no password", async () => {
    const mails: { from: string; to: string[]; data: string; user?: string }[] = [];
    const smtp = new SMTPServer({
      disabledCommands: ["STARTTLS"],
      onAuth(auth, _session, callback) {
        if (auth.username === "mailer" && auth.password === "smtp-pass-xyz") return callback(null, { user: "mailer" });
        callback(new Error("bad login"));
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString("utf8"), user: String(session.user) });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    closers.push(() => new Promise((resolve) => smtp.close(() => resolve())));
    const port = (smtp.server.address() as AddressInfo).port;
    const smtpUrl = `smtp://mailer:smtp-pass-xyz@127.0.0.1:${port}`;
    const notifier = createEmailNotifier({ smtpUrl, from: "cf-gitops@example.com", to: ["ops@example.com"] });
    await notifier.send(buildMessage(event, createRedactor([token, smtpUrl, "smtp-pass-xyz"])));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ from: "cf-gitops@example.com", to: ["ops@example.com"], user: "mailer" });
    expect(mails[0]!.data).toContain("Subject: cf-gitops: drift found in stack production (2 resources)");
    expect(mails[0]!.data).toContain("~ example.com/dns/www/A/203.0.113.10 (ttl)");
    expect(mails[0]!.data).not.toContain("smtp-pass-xyz");
    expect(mails[0]!.data).not.toContain(token);
  });
});
