import { describe, expect, it } from "vitest";
import { redactSecrets, secretsFromEnv } from "./redact.ts";

describe("redactSecrets", () => {
  it("removes known values and token shapes, keeping labels", () => {
    expect(redactSecrets("Bearer abcDEF123456789xyz failed", [])).toBe("Bearer [redacted] failed");
    expect(redactSecrets("api_token=hunter22 next", [])).toBe("api_token=[redacted] next");
    expect(redactSecrets("https://user:pa55word@example.com/x", [])).toBe("https://user:[redacted]@example.com/x");
    expect(redactSecrets("hook xoxb-123456789012-abcdef", [])).toBe("hook [redacted]");
    expect(redactSecrets("value my-webhook-secret here", ["my-webhook-secret"])).toBe("value [redacted] here");
    const cloudflareToken = "Ab3dEfGh1jKlMn0pQrStUvWxYz_0123456789-AB";
    expect(cloudflareToken).toHaveLength(40);
    expect(redactSecrets(`token is ${cloudflareToken}.`, [])).not.toContain(cloudflareToken);
  });

  it("leaves commit SHAs, DNS names and ordinary messages alone", () => {
    const sha = "0123456789abcdef0123456789abcdef01234567";
    expect(redactSecrets(`commit ${sha} applied`, [])).toBe(`commit ${sha} applied`);
    const name = "a-very-long-host-name-for-the-test-zone1";
    expect(redactSecrets(`record ${name}.example.com`, [])).toBe(`record ${name}.example.com`);
    expect(redactSecrets("zone example.com not found (code 1001)", [])).toBe("zone example.com not found (code 1001)");
  });

  it("collects secret-looking variables from the environment", () => {
    expect(secretsFromEnv({ CLOUDFLARE_API_TOKEN: "tok-value", HOME: "/root", CFGITOPS_WEBHOOK_SECRET: "whsec" })).toEqual(["tok-value", "whsec"]);
  });
});
