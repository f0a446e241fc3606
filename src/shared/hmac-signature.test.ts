import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSignatureCheck, isSignatureHeader, signPayload, verifyPayload } from "./hmac-signature.ts";

const secret = "s3cret-for-hmac";
const body = '{"ref":"refs/heads/main"}';
const reference = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

describe("HMAC signatures", () => {
  it("signs like GitHub (sha256=<hex>) and verifies its own signatures, secret first", () => {
    expect(signPayload(secret, body)).toBe(reference);
    expect(signPayload(secret, Buffer.from(body))).toBe(reference);
    expect(verifyPayload(secret, body, reference)).toBe(true);
    expect(verifyPayload(secret, body, reference.toUpperCase().replace("SHA256=", "sha256="))).toBe(true);
  });

  it("refuses another body, another secret, and malformed headers", () => {
    expect(verifyPayload(secret, `${body} `, reference)).toBe(false);
    expect(verifyPayload("other-secret", body, reference)).toBe(false);
    for (const header of [undefined, "", "sha256=abc", `sha1=${"0".repeat(64)}`, `${reference}00`]) {
      expect(verifyPayload(secret, body, header), String(header)).toBe(false);
      expect(isSignatureHeader(header)).toBe(false);
    }
    expect(isSignatureHeader(reference)).toBe(true);
  });

  it("verifies a body fed chunk by chunk as it streams in", () => {
    const check = createSignatureCheck(secret);
    for (const chunk of [body.slice(0, 5), Buffer.from(body.slice(5, 12)), body.slice(12)]) check.update(chunk);
    expect(check.matches(reference)).toBe(true);
    const wrong = createSignatureCheck(secret);
    wrong.update(body.slice(0, 5));
    expect(wrong.matches(reference)).toBe(false);
  });
});
