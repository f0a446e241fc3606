// GitHub push webhooks: a small, typed push event from a verified body (src/shared/hmac-signature.ts checks it).
import type { IncomingMessage } from "node:http";
import { HttpError, parseJson } from "./http-util.ts";

export interface PushEvent {
  ref: string;
  /** `ref` without `refs/heads/`, when it is a branch. */
  branch?: string;
  before?: string;
  after: string;
  forced: boolean;
  deleted: boolean;
  repository?: string;
  headCommit?: { id: string; message?: string; author?: string };
  deliveryId?: string;
}

function payloadOf(request: IncomingMessage, body: Buffer): unknown {
  const type = String(request.headers["content-type"] ?? "");
  if (type.startsWith("application/x-www-form-urlencoded")) {
    const payload = new URLSearchParams(body.toString("utf8")).get("payload");
    if (payload === null) throw new HttpError(400, "invalid-payload", "form-encoded webhook without a payload field");
    return parseJson(Buffer.from(payload, "utf8"));
  }
  return parseJson(body);
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function parsePush(request: IncomingMessage, body: Buffer): PushEvent {
  const payload = payloadOf(request, body) as Record<string, unknown> | null;
  const ref = text(payload?.ref);
  const after = text(payload?.after);
  if (!payload || !ref || !after) throw new HttpError(400, "invalid-payload", "push event without ref and after");
  const head = payload.head_commit as Record<string, unknown> | null | undefined;
  const repository = payload.repository as Record<string, unknown> | undefined;
  const authorOf = (commit: Record<string, unknown>) => text((commit.author as Record<string, unknown> | undefined)?.name);
  const delivery = request.headers["x-github-delivery"];
  return {
    ref, after,
    ...(ref.startsWith("refs/heads/") ? { branch: ref.slice("refs/heads/".length) } : {}),
    ...(text(payload.before) ? { before: text(payload.before) } : {}),
    forced: payload.forced === true,
    deleted: payload.deleted === true,
    ...(text(repository?.full_name) ? { repository: text(repository?.full_name) } : {}),
    ...(head && text(head.id) ? { headCommit: { id: String(head.id), ...(text(head.message) ? { message: text(head.message) } : {}), ...(authorOf(head) ? { author: authorOf(head) } : {}) } } : {}),
    ...(typeof delivery === "string" ? { deliveryId: delivery } : {}),
  };
}
