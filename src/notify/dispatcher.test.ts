// Deduplication, fan-out and failure isolation, with recording notifiers and a real file store;
// the commit status runs against the local GitHub server.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startGithubServer, type GithubServer } from "../../test/support/github-server.ts";
import { createGithubClient } from "../github/client.ts";
import type { Change } from "../plan/types.ts";
import { silentLogger } from "../shared/logger.ts";
import { createFileDedupeStore, createMemoryDedupeStore, driftFingerprint } from "./dedupe.ts";
import { createNotificationDispatcher } from "./dispatcher.ts";
import { setupChannels } from "./channels.ts";
import { createGithubStatusNotifier } from "./github-status.ts";
import { createRedactor } from "../shared/redact.ts";
import { announcedKinds, type NotificationMessage, type Notifier, type NotifyEvent } from "./types.ts";

function recorder(name = "recorder", fail?: string): Notifier & { messages: NotificationMessage[] } {
  const messages: NotificationMessage[] = [];
  return {
    name,
    messages,
    accepts: (event) => announcedKinds.includes(event.kind),
    async send(message) {
      if (fail) throw new Error(fail);
      messages.push(message);
    },
  };
}

const www: Change = { kind: "dns-record", id: "example.com/dns/www/A/203.0.113.10", zone: "example.com", op: "update", fields: ["ttl", "proxied"] };
const mx: Change = { kind: "dns-record", id: "example.com/dns/@/MX/mx1.example.net", zone: "example.com", op: "delete", fields: ["content"] };
const driftFound = (changes: Change[]): NotifyEvent => ({ kind: "drift-found", stack: "production", runKind: "drift", changes });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "cf-gitops-notify-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("driftFingerprint", () => {
  it("ignores order of changes and fields, and sees any change in them", () => {
    expect(driftFingerprint([www, mx])).toBe(driftFingerprint([mx, { ...www, fields: ["proxied", "ttl"] }]));
    expect(driftFingerprint([www, mx])).not.toBe(driftFingerprint([www]));
    expect(driftFingerprint([www])).not.toBe(driftFingerprint([{ ...www, fields: ["ttl"] }]));
  });
});

describe("notification dispatcher", () => {
  it("announces drift once per repeat window, again when it changes, and once when resolved", async () => {
    let clock = 1_000_000;
    const channel = recorder();
    const dispatcher = createNotificationDispatcher({ notifiers: [channel], store: createMemoryDedupeStore(), repeatAfterSeconds: 3600, redact: createRedactor([]), log: silentLogger(), now: () => clock });
    expect((await dispatcher.notify(driftFound([www, mx]))).sent).toEqual(["recorder"]);
    clock += 15 * 60_000;
    expect(await dispatcher.notify(driftFound([mx, www]))).toMatchObject({ sent: [], suppressed: "repeat" });
    expect((await dispatcher.notify(driftFound([www]))).sent).toEqual(["recorder"]); // different drift
    clock += 3600_000;
    expect((await dispatcher.notify(driftFound([www]))).sent).toEqual(["recorder"]); // window passed
    expect((await dispatcher.notify({ kind: "drift-resolved", stack: "production" })).sent).toEqual(["recorder"]);
    expect(await dispatcher.notify({ kind: "drift-resolved", stack: "production" })).toMatchObject({ suppressed: "nothing-to-resolve" });
    expect(channel.messages.map((m) => m.title)).toEqual([
      "cf-gitops: drift found in stack production (2 resources)",
      "cf-gitops: drift found in stack production (1 resource)",
      "cf-gitops: drift found in stack production (1 resource)",
      "cf-gitops: drift resolved in stack production: Cloudflare matches git again",
    ]);
  });

  it("deduplicates repeated failures of one commit until a successful apply", async () => {
    const channel = recorder();
    const dispatcher = createNotificationDispatcher({ notifiers: [channel], store: createMemoryDedupeStore(), repeatAfterSeconds: 3600, redact: createRedactor([]), log: silentLogger() });
    const failure: NotifyEvent = { kind: "failure", stack: "production", runKind: "apply", commit: "abc1234", summary: "apply: HTTP 500" };
    await dispatcher.notify(failure);
    await dispatcher.notify(failure);
    await dispatcher.notify({ kind: "blocked", stack: "production", runKind: "apply", commit: "abc1234", policies: ["no-mass-delete"] });
    await dispatcher.notify({ kind: "applied", stack: "production", runKind: "apply", commit: "def5678" });
    await dispatcher.notify(failure);
    expect(channel.messages.map((m) => m.event.kind)).toEqual(["failure", "blocked", "failure"]);
    expect(channel.messages[1]!.text).toContain("Blocked by: no-mass-delete");
  });

  it("keeps going when one channel fails, reports it redacted, and retries the announcement later", async () => {
    const good = recorder("good");
    const bad = recorder("bad", "connect ECONNREFUSED via https://hooks.example/abc?token=tok-secret-123456");
    const dispatcher = createNotificationDispatcher({ notifiers: [bad, good], store: createMemoryDedupeStore(), repeatAfterSeconds: 60, redact: createRedactor(["tok-secret-123456"]), log: silentLogger() });
    const result = await dispatcher.notify(driftFound([www]));
    expect(result.sent).toEqual(["good"]);
    expect(result.failed).toEqual([{ notifier: "bad", error: "connect ECONNREFUSED via https://hooks.example/abc?token=[redacted]" }]);

    const onlyBad = createNotificationDispatcher({ notifiers: [bad], store: createMemoryDedupeStore(), repeatAfterSeconds: 60, redact: createRedactor([]), log: silentLogger() });
    await onlyBad.notify(driftFound([www]));
    expect((await onlyBad.notify(driftFound([www]))).suppressed).toBeUndefined(); // nothing got out, so try again
  });

  it("remembers announcements in a JSON file across restarts, and survives a damaged file", async () => {
    const path = join(dir, "data", "notify-state.json");
    const first = recorder();
    await createNotificationDispatcher({ notifiers: [first], store: createFileDedupeStore(path), repeatAfterSeconds: 3600, redact: createRedactor([]), log: silentLogger() }).notify(driftFound([www]));
    const saved = JSON.parse(await readFile(path, "utf8")) as Record<string, { fingerprint: string }>;
    expect(saved["drift:production"]?.fingerprint).toBe(driftFingerprint([www]));

    const second = recorder();
    const restarted = createNotificationDispatcher({ notifiers: [second], store: createFileDedupeStore(path), repeatAfterSeconds: 3600, redact: createRedactor([]), log: silentLogger() });
    expect((await restarted.notify(driftFound([www]))).suppressed).toBe("repeat");
    await writeFile(path, "{ not json");
    expect((await restarted.notify(driftFound([www]))).sent).toEqual(["recorder"]);
  });

  it("builds channels from the stack's notify section, warning about unset variables, and redacts their values", async () => {
    const setup = setupChannels({
      config: { slack_webhook_env: "SLACK_URL", webhook_url_env: "HOOK_URL", webhook_secret_env: "HOOK_SECRET", email: { to: ["a@example.com"], from: "b@example.com", smtp_url_env: "SMTP_URL" }, github_status: true, repeat_after: 3600 },
      env: { SLACK_URL: "https://hooks.slack.com/services/T0/B0/xyzsecretxyz", HOOK_URL: "http://127.0.0.1:1/hook", CLOUDFLARE_API_TOKEN: "cf-api-token-value" },
      log: silentLogger(),
    });
    expect(setup.notifiers.map((n) => n.name)).toEqual(["slack", "webhook"]);
    expect(setup.warnings).toEqual([
      "webhook signing is off: the environment variable HOOK_SECRET is not set",
      "the webhook is sent unsigned: set notify.webhook_secret_env",
      "email is off: the environment variable SMTP_URL is not set",
    ]);
    expect(setup.redact("see https://hooks.slack.com/services/T0/B0/xyzsecretxyz with cf-api-token-value")).toBe("see [redacted] with [redacted]");
  });
});

describe("GitHub commit status notifier", () => {
  let server: GithubServer;
  beforeEach(async () => {
    server = await startGithubServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it("marks the applied commit pending, then success or failure, and ignores drift", async () => {
    const client = createGithubClient({ token: server.token, apiUrl: server.url, log: silentLogger(), paceWrites: false });
    const notifier = createGithubStatusNotifier({ target: { client, owner: server.owner, repo: server.repo } });
    const dispatcher = createNotificationDispatcher({ notifiers: [notifier], store: createMemoryDedupeStore(), repeatAfterSeconds: 60, redact: createRedactor([server.token]), log: silentLogger() });
    const sha = "0123456789abcdef0123456789abcdef01234567";
    await dispatcher.notify({ kind: "apply-started", stack: "production", runKind: "apply", commit: sha });
    await dispatcher.notify({ kind: "applied", stack: "production", runKind: "apply", commit: sha, url: "http://pi.local:8080/" });
    await dispatcher.notify({ kind: "failure", stack: "production", runKind: "apply", commit: "abcdef1", summary: "plan: zone example.com missing" });
    await dispatcher.notify(driftFound([www]));
    expect(server.statuses.map((s) => [s.sha, s.state, s.description, s.context, s.target_url])).toEqual([
      [sha, "pending", "applying to Cloudflare", "cf-gitops/apply", null],
      [sha, "success", "applied to Cloudflare", "cf-gitops/apply", "http://pi.local:8080/"],
      ["abcdef1", "failure", "apply failed for stack production: plan: zone example.com missing", "cf-gitops/apply", null],
    ]);
  });
});
