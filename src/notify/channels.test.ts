// One shared test for every registered notification channel (src/notify/channels.ts), each against
// a real local endpoint: HTTP on 127.0.0.1 for the webhooks and the GitHub API, smtp-server for email.
// A channel added to the registry without a case here does not compile (ChannelId is derived).
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createRunNotifier } from "../daemon/notifications.ts";
import type { RunOutcome } from "../daemon/run-types.ts";
import type { NotifyConfig, StackConfig } from "../desired-state/types.ts";
import { silentLogger } from "../shared/logger.ts";
import { channels, setupChannels, type ChannelId } from "./channels.ts";
import { createMemoryDedupeStore } from "./dedupe.ts";
import { createDaemonNotifications } from "./setup.ts";
import type { NotifyEvent } from "./types.ts";

interface Sink {
  /** The stack's notify section and the environment that turn on this channel and no other. */
  config: Partial<NotifyConfig>;
  env: Record<string, string>;
  /** A secret the channel reads; it must never reach a delivery or an error message. */
  secret: string;
  /** Unsetting this variable turns the channel off, with a warning that matches `warning`. */
  missing: { unset: string; warning: RegExp };
  /** What arrived so far, one text per delivery. */
  deliveries(): string[];
  /** From now on, the endpoint refuses deliveries. */
  fail(): void;
  close(): Promise<void>;
}

const cloudflareToken = "cf-api-token-0123456789";
const base = { CLOUDFLARE_API_TOKEN: cloudflareToken };

async function httpSink(okStatus: number, failure: { status: number; body: string }, record: (path: string, body: string, auth: string) => string | undefined) {
  const deliveries: string[] = [];
  let failing = false;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (failing) return void response.writeHead(failure.status, { "content-type": "application/json" }).end(failure.body);
      const text = record(request.url ?? "", Buffer.concat(chunks).toString("utf8"), request.headers.authorization ?? "");
      if (text === undefined) return void response.writeHead(401, { "content-type": "application/json" }).end('{"message":"Bad credentials"}');
      deliveries.push(text);
      response.writeHead(okStatus, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    deliveries: () => [...deliveries],
    fail: () => void (failing = true),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const cases: Record<ChannelId, () => Promise<Sink>> = {
  async slack() {
    const sink = await httpSink(200, { status: 500, body: "{}" }, (_path, body) => body);
    const secret = `${sink.url}/hooks/T000/B000/slack-secret-path`;
    return { ...sink, secret, config: { slack_webhook_env: "SLACK_URL" }, env: { ...base, SLACK_URL: secret }, missing: { unset: "SLACK_URL", warning: /SLACK_URL is not set/ } };
  },
  async webhook() {
    const sink = await httpSink(200, { status: 500, body: "{}" }, (_path, body) => body);
    const secret = `${sink.url}/hook/webhook-secret-path`;
    return {
      ...sink, secret, config: { webhook_url_env: "HOOK_URL", webhook_secret_env: "HOOK_SECRET" }, env: { ...base, HOOK_URL: secret, HOOK_SECRET: "hmac-secret-value" },
      missing: { unset: "HOOK_URL", warning: /HOOK_URL is not set/ },
    };
  },
  async email() {
    const mails: string[] = [];
    let failing = false;
    const smtp = new SMTPServer({
      disabledCommands: ["STARTTLS"],
      onAuth: (auth, _session, callback) => (auth.password === "smtp-pass-xyz" ? callback(null, { user: auth.username }) : callback(new Error("bad login"))),
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          if (failing) return callback(Object.assign(new Error("mailbox unavailable"), { responseCode: 550 }));
          mails.push(Buffer.concat(chunks).toString("utf8"));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    const secret = `smtp://mailer:smtp-pass-xyz@127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    return {
      secret, config: { email: { to: ["ops@example.com"], from: "cf-gitops@example.com", smtp_url_env: "SMTP_URL" } }, env: { ...base, SMTP_URL: secret },
      missing: { unset: "SMTP_URL", warning: /SMTP_URL is not set/ },
      deliveries: () => [...mails], fail: () => void (failing = true),
      close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
    };
  },
  async "github-status"() {
    const token = "ghs_channel_test_token_0123";
    const sink = await httpSink(201, { status: 403, body: '{"message":"Resource not accessible by integration"}' }, (path, body, auth) =>
      auth === `token ${token}` && /^\/repos\/acme\/cloudflare\/statuses\/[0-9a-f]+$/.test(path) ? body : undefined);
    return {
      ...sink, secret: token, config: { github_status: true }, env: { ...base, GITHUB_TOKEN: token, GITHUB_REPOSITORY: "acme/cloudflare", GITHUB_API_URL: sink.url },
      missing: { unset: "GITHUB_REPOSITORY", warning: /set GITHUB_REPOSITORY/ },
    };
  },
};

/** Only what the case turns on; the stack file's defaults otherwise (github_status on, as shipped). */
function notifyConfig(config: Partial<NotifyConfig>): NotifyConfig {
  return { github_status: true, repeat_after: 3600, ...config };
}

function failure(summary: string): NotifyEvent {
  return { kind: "failure", stack: "production", runKind: "apply", runId: 7, commit: "0123456789abcdef0123456789abcdef01234567", branch: "main", summary };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cf-gitops-channels-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it("has a case for every registered channel and no other", () => {
  expect(Object.keys(cases).sort()).toEqual(channels.map((channel) => channel.id).sort());
});

describe.each(channels.map((channel) => channel.id))("channel %s", (id) => {
  let sink: Sink;
  beforeEach(async () => {
    sink = await cases[id]();
  });
  afterEach(async () => {
    await sink.close();
  });

  function dispatcher(env: Record<string, string> = sink.env) {
    return createDaemonNotifications({ stack: { notify: notifyConfig(sink.config) }, env, dataDir: dir, log: silentLogger(), store: createMemoryDedupeStore() });
  }

  it("is on when it is the only channel configured, and the daemon's notifier loads it", async () => {
    expect(setupChannels({ config: notifyConfig(sink.config), env: sink.env, log: silentLogger() }).notifiers.map((n) => n.name)).toEqual([id]);
    const notify = createRunNotifier({ env: sink.env, dataDir: await mkdtemp(join(dir, "run-")), log: silentLogger(), repoUrl: "/srv/git/cloudflare" });
    const outcome: RunOutcome = {
      runId: 3, stack: "production", kind: "apply", triggers: ["webhook"], result: "failure", startedAt: 0, finishedAt: 1, branch: "main",
      commit: { sha: "abcdef0123456789abcdef0123456789abcdef01", author: "Ada", message: "change", date: "" }, error: "plan: zone example.com is missing", diagnostics: [], outcomes: [],
    };
    await notify(outcome, { notify: notifyConfig(sink.config) } as StackConfig);
    expect(sink.deliveries()).toHaveLength(1);
  });

  it("is off, with a warning that says why, when its variable is unset", async () => {
    const env = { ...sink.env };
    delete env[sink.missing.unset];
    const setup = dispatcher(env);
    expect(setup.channels).toEqual([]);
    expect(setup.warnings.join("\n")).toMatch(sink.missing.warning);
    expect((await setup.dispatcher.notify(failure("anything"))).sent).toEqual([]);
    expect(sink.deliveries()).toEqual([]);
  });

  it("delivers the run's headline and summary", async () => {
    expect((await dispatcher().dispatcher.notify(failure("plan: zone example.com is missing"))).sent).toEqual([id]);
    expect(sink.deliveries()).toHaveLength(1);
    expect(sink.deliveries()[0]).toContain("apply failed for stack production");
    expect(sink.deliveries()[0]).toContain("plan: zone example.com is missing");
  });

  it("never delivers its own secret or the Cloudflare token", async () => {
    await dispatcher().dispatcher.notify(failure(`read ${sink.secret} with ${cloudflareToken}`));
    const [delivered] = sink.deliveries();
    expect(delivered).toContain("[redacted]");
    expect(delivered).not.toContain(sink.secret);
    expect(delivered).not.toContain(cloudflareToken);
  });

  it("reports a refused delivery without throwing and without the secret", async () => {
    sink.fail();
    const result = await dispatcher().dispatcher.notify(failure("apply: HTTP 500"));
    expect(result.sent).toEqual([]);
    expect(result.failed).toEqual([{ notifier: id, error: expect.any(String) }]);
    expect(result.failed[0]!.error).not.toContain(sink.secret);
    expect(sink.deliveries()).toEqual([]);
  });

  it("announces the same failure once per repeat window", async () => {
    const { dispatcher: notifications } = dispatcher();
    expect((await notifications.notify(failure("apply: HTTP 500"))).sent).toEqual([id]);
    expect(await notifications.notify(failure("apply: HTTP 500"))).toMatchObject({ sent: [], suppressed: "repeat" });
    expect(sink.deliveries()).toHaveLength(1);
  });
});
