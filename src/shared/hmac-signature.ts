// HMAC-SHA256 signatures in GitHub's header format (`sha256=<hex>`), for the webhook we receive
// (X-Hub-Signature-256) and the one we send (X-CfGitops-Signature-256). Secret first, always.
import { createHmac, timingSafeEqual, type Hmac } from "node:crypto";

const headerShape = /^sha256=([0-9a-f]{64})$/i;

export function signPayload(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** Whether a header has the shape of a signature at all; a body need not be read when it has not. */
export function isSignatureHeader(header: string | undefined): header is string {
  return headerShape.test(header?.trim() ?? "");
}

/** Constant-time check of a signature header against the body. */
export function verifyPayload(secret: string, body: string | Buffer, header: string | undefined): boolean {
  const check = createSignatureCheck(secret);
  check.update(body);
  return check.matches(header);
}

export interface SignatureCheck {
  update(chunk: string | Buffer): void;
  /** Call once, after the last chunk. */
  matches(header: string | undefined): boolean;
}

/** The same check, fed chunk by chunk as a body streams in. */
export function createSignatureCheck(secret: string): SignatureCheck {
  const hmac: Hmac = createHmac("sha256", secret);
  return {
    update: (chunk) => void hmac.update(chunk),
    matches(header) {
      const given = headerShape.exec(header?.trim() ?? "")?.[1];
      const expected = hmac.digest();
      return given !== undefined && timingSafeEqual(Buffer.from(given, "hex"), expected);
    },
  };
}
