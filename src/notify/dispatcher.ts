// Fans an event out to every notifier that wants it, after deduplication. Never throws: a broken
// channel is logged (redacted) and reported in the result, and must not fail the run.
import type { Logger } from "../shared/logger.ts";
import { driftFingerprint, hash, type DedupeStore } from "./dedupe.ts";
import { buildMessage } from "./message.ts";
import type { Redactor } from "../shared/redact.ts";
import type { Notifier, NotifyEvent } from "./types.ts";

export interface DispatchResult {
  sent: string[];
  failed: { notifier: string; error: string }[];
  /** Why nothing was sent, when deduplication or an empty channel list held it back. */
  suppressed?: "repeat" | "nothing-to-resolve" | "no-notifier";
}

export interface DispatcherOptions {
  notifiers: Notifier[];
  store: DedupeStore;
  /** notify.repeat_after: seconds before the same fingerprint is announced again. */
  repeatAfterSeconds: number;
  redact: Redactor;
  log: Logger;
  now?: () => number;
}

export interface NotificationDispatcher {
  notify(event: NotifyEvent): Promise<DispatchResult>;
}

export function createNotificationDispatcher(options: DispatcherOptions): NotificationDispatcher {
  const { store, log, redact } = options;
  const now = options.now ?? Date.now;

  async function deliver(event: NotifyEvent): Promise<DispatchResult> {
    const notifiers = options.notifiers.filter((notifier) => notifier.accepts(event));
    if (notifiers.length === 0) return { sent: [], failed: [], suppressed: "no-notifier" };
    const message = buildMessage(event, redact);
    const outcomes = await Promise.allSettled(notifiers.map((notifier) => notifier.send(message)));
    const result: DispatchResult = { sent: [], failed: [] };
    outcomes.forEach((outcome, index) => {
      const name = notifiers[index]!.name;
      if (outcome.status === "fulfilled") return void result.sent.push(name);
      const error = redact(outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason));
      result.failed.push({ notifier: name, error });
      log.warn({ notifier: name, event: event.kind, stack: event.stack, error }, "notification failed");
    });
    return result;
  }

  async function notify(event: NotifyEvent): Promise<DispatchResult> {
    try {
      const key = dedupeKey(event);
      if (key === undefined) return await deliver(event);
      const previous = await store.get(key);
      if (event.kind === "drift-resolved") {
        if (!previous) return { sent: [], failed: [], suppressed: "nothing-to-resolve" };
        const result = await deliver(event);
        if (result.sent.length > 0 || result.failed.length === 0) await store.delete(key);
        return result;
      }
      const fingerprint = fingerprintOf(event);
      if (previous && previous.fingerprint === fingerprint && now() - previous.at < options.repeatAfterSeconds * 1000) {
        log.debug({ event: event.kind, stack: event.stack }, "notification suppressed as a repeat");
        return { sent: [], failed: [], suppressed: "repeat" };
      }
      const result = await deliver(event);
      if (result.sent.length > 0) await store.set(key, { fingerprint, at: now() });
      return result;
    } finally {
      if (event.kind === "applied") await forgetFailures(event.stack);
    }
  }

  // After a success, the next failure is news even if it repeats an old one.
  async function forgetFailures(stack: string): Promise<void> {
    await Promise.all([store.delete(`failure:${stack}`), store.delete(`blocked:${stack}`)]).catch((error: unknown) => log.warn({ error: String(error) }, "notification state not saved"));
  }

  return {
    notify: (event) =>
      notify(event).catch((error: unknown) => {
        const message = redact(error instanceof Error ? error.message : String(error));
        log.warn({ event: event.kind, stack: event.stack, error: message }, "notification dispatch failed");
        return { sent: [], failed: [{ notifier: "dispatcher", error: message }] };
      }),
  };
}

function dedupeKey(event: NotifyEvent): string | undefined {
  if (event.kind === "drift-found" || event.kind === "drift-resolved") return `drift:${event.stack}`;
  if (event.kind === "failure" || event.kind === "blocked") return `${event.kind}:${event.stack}`;
  return undefined;
}

function fingerprintOf(event: NotifyEvent): string {
  if (event.kind === "drift-found") return driftFingerprint(event.changes ?? []);
  return hash(JSON.stringify([event.commit ?? "", event.summary ?? "", [...(event.policies ?? [])].sort()]));
}
