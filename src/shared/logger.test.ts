import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.ts";
import { createRedactor } from "./redact.ts";

function capture(): { stream: PassThrough; lines: () => string } {
  const chunks: string[] = [];
  const stream = new PassThrough().on("data", (chunk: Buffer) => chunks.push(chunk.toString()));
  return { stream, lines: () => chunks.join("") };
}

describe("createLogger", () => {
  it("redacts by value on the whole line, not only known field paths", () => {
    const out = capture();
    const log = createLogger({ destination: out.stream, redact: createRedactor(["slack-hook-secret-value"]) });
    log.warn({ err: "could not fetch main from https://deploy:pa55word@git.example.net/r.git" }, "git poll failed");
    log.child({ runId: 1 }).error({ detail: { nested: "posting to https://hooks.example/slack-hook-secret-value failed" }, headers: { authorization: "Bearer abcdefgh12345678" } }, "x");
    const text = out.lines();
    expect(text).toContain("https://deploy:[redacted]@git.example.net/r.git");
    expect(text).toContain("https://hooks.example/[redacted] failed");
    expect(text).not.toMatch(/pa55word|slack-hook-secret-value|abcdefgh12345678/);
  });

  it("defaults to the secrets of process.env", () => {
    const out = capture();
    process.env.CFGITOPS_TEST_SECRET_TOKEN = "value-of-the-test-token";
    try {
      createLogger({ destination: out.stream }).info({ text: "sent value-of-the-test-token" }, "m");
    } finally {
      delete process.env.CFGITOPS_TEST_SECRET_TOKEN;
    }
    expect(out.lines()).toContain('"text":"sent [redacted]"');
  });
});
