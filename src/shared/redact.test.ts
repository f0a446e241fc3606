import { describe, expect, it } from "vitest";
import { createRedactor, redactorFromEnv, secretValues, secretVariableNames, stackSecretEnvNames, urlCredentials } from "./redact.ts";

const redact = createRedactor();

describe("credentials in URLs", () => {
  it("redacts the password and keeps the user, host and path readable", () => {
    expect(redact("could not fetch main from https://user:pa55word@127.0.0.1:8080/repo.git: fatal")).toBe(
      "could not fetch main from https://user:[redacted]@127.0.0.1:8080/repo.git: fatal",
    );
    expect(redact("smtp://mailer:p%40ss:w0rd@mail.example.com:587")).toBe("smtp://mailer:[redacted]@mail.example.com:587");
  });

  it("redacts the user too when it is a token (GitHub's token-as-user forms)", () => {
    const token = "ghp_0123456789abcdefghijABCDEFGHIJ012345";
    expect(redact(`https://${token}@github.com/home/infra.git`)).toBe("https://[redacted]@github.com/home/infra.git");
    expect(redact(`https://${token}:x-oauth-basic@github.com/home/infra.git`)).toBe("https://[redacted]:[redacted]@github.com/home/infra.git");
    expect(redact("https://x-access-token:ghs_abcdefghijklmnopqrstuvwx12@github.com/o/r")).toBe("https://x-access-token:[redacted]@github.com/o/r");
    expect(redact("https://0123456789abcdefABCDEF@git.example.net/r.git")).toBe("https://[redacted]@git.example.net/r.git");
  });

  it("leaves plain user names, e-mail addresses and ssh remotes alone", () => {
    expect(redact("https://alice@git.example.net/r.git")).toBe("https://alice@git.example.net/r.git");
    expect(redact("mail grace@example.invalid about git@github.com:home/infra.git")).toBe("mail grace@example.invalid about git@github.com:home/infra.git");
  });

  it("lists the credentials of a URL, to redact them where they appear alone", () => {
    expect(urlCredentials("https://user:s3cret-pw@host/r.git and https://ghp_0123456789abcdefghijABCD@github.com")).toEqual([
      "s3cret-pw",
      "ghp_0123456789abcdefghijABCD",
    ]);
  });
});

describe("headers, key=value credentials and token shapes", () => {
  it("redacts Authorization headers in any spelling, keeping the scheme", () => {
    expect(redact("Authorization: Bearer abcDEF123456789xyz failed")).toBe("Authorization: Bearer [redacted] failed");
    expect(redact('{"authorization":"token ghp_short"}')).toBe('{"authorization":"token [redacted]"}');
    expect(redact("authorization=Basic dXNlcjpwYXNz")).toBe("authorization=Basic [redacted]");
    expect(redact("sent Bearer abcDEF123456789xyz")).toBe("sent Bearer [redacted]");
  });

  it("redacts key=value credentials and GitHub/Slack/GitLab tokens", () => {
    expect(redact("api_token=hunter22 next")).toBe("api_token=[redacted] next");
    expect(redact('{"webhookSecret":"abcd1234"}')).toBe('{"webhookSecret":"[redacted]"}');
    expect(redact("hook xoxb-123456789012-abcdef")).toBe("hook [redacted]");
    expect(redact("glpat-abcdefghij0123456789 used")).toBe("[redacted] used");
    const cloudflareToken = "Ab3dEfGh1jKlMn0pQrStUvWxYz_0123456789-AB";
    expect(cloudflareToken).toHaveLength(40);
    expect(redact(`token is ${cloudflareToken}.`)).toBe("token is [redacted].");
  });

  it("leaves commit SHAs, DNS names, record ids and ordinary messages alone", () => {
    const sha = "0123456789abcdef0123456789abcdef01234567";
    expect(redact(`commit ${sha} applied`)).toBe(`commit ${sha} applied`);
    const name = "a-very-long-host-name-for-the-test-zone1";
    expect(redact(`record ${name}.example.com`)).toBe(`record ${name}.example.com`);
    expect(redact("zone example.com not found (code 1001)")).toBe("zone example.com not found (code 1001)");
    expect(redact("the token expired; authorization failed")).toBe("the token expired; authorization failed");
  });
});

describe("known values", () => {
  it("replaces every occurrence, longest first, raw and as escaped inside JSON", () => {
    const redactor = createRedactor(["abcdefgh", "abcdefgh-longer", "short", 'qu"ote\\d']);
    expect(redactor("x abcdefgh-longer y abcdefgh z short")).toBe("x [redacted] y [redacted] z short");
    expect(redactor(JSON.stringify({ msg: 'has qu"ote\\d inside' }))).toBe('{"msg":"has [redacted] inside"}');
  });

  it("exact() replaces only known values: data that merely looks random stays intact", () => {
    const redactor = createRedactor(["my-webhook-secret"]);
    const dkim = "v=DKIM1; p=Ab3dEfGh1jKlMn0pQrStUvWxYz_0123456789-AB";
    expect(redactor.exact(`${dkim} my-webhook-secret`)).toBe(`${dkim} [redacted]`);
    expect(redactor(dkim)).not.toBe(dkim);
  });

  it("takes more values later (a stack's variables once the stack is loaded)", () => {
    const redactor = createRedactor();
    expect(redactor("hook https://hooks.example/T0/B0/xyzsecretxyz")).toBe("hook https://hooks.example/T0/B0/xyzsecretxyz");
    redactor.add(["https://hooks.example/T0/B0/xyzsecretxyz"]);
    expect(redactor("hook https://hooks.example/T0/B0/xyzsecretxyz")).toBe("hook [redacted]");
  });

  it("does not replace short values, nor the embedded emulator's placeholder token", () => {
    const redactor = createRedactor(["e2e", "x", "emulator"]);
    expect(redactor("emulator started for e2e at x")).toBe("emulator started for e2e at x");
  });
});

describe("secrets from the environment", () => {
  const env = {
    CLOUDFLARE_API_TOKEN: "cf-token-value",
    CFGITOPS_ADMIN_TOKEN: "admin-token-value",
    CFGITOPS_READ_TOKEN: "read-token-value",
    CFGITOPS_WEBHOOK_SECRET: "whsec-value",
    PULUMI_CONFIG_PASSPHRASE: "passphrase-value",
    PULUMI_CONFIG_PASSPHRASE_FILE: "/etc/cf-gitops/passphrase",
    MY_SMTP_URL: "smtp://u:smtp-pass@mail.example.com",
    NOTIFY_HOOK: "https://hooks.slack.com/services/T0/B0/slack-secret",
    STACK_B_CF: "per-stack-token-value",
    HOME: "/root",
    PATH: "/usr/bin",
  };

  it("collects the fixed names, secret-like names, and the variables stacks name through *_env keys", () => {
    const named = stackSecretEnvNames([
      { name: "default", notify: { slack_webhook_env: "NOTIFY_HOOK", email: { to: ["a@b.c"], from: "x@b.c", smtp_url_env: "MY_SMTP_URL" } } },
      { name: "b", api_token_env: "STACK_B_CF", notify: {} },
    ]);
    expect(named.sort()).toEqual(["MY_SMTP_URL", "NOTIFY_HOOK", "STACK_B_CF"]);
    expect(secretVariableNames(env, named).sort()).toEqual([
      "CFGITOPS_ADMIN_TOKEN", "CFGITOPS_READ_TOKEN", "CFGITOPS_WEBHOOK_SECRET", "CLOUDFLARE_API_TOKEN", "MY_SMTP_URL", "NOTIFY_HOOK",
      "PULUMI_CONFIG_PASSPHRASE", "STACK_B_CF",
    ]);
    expect(secretValues(env, named)).toContain("smtp-pass");
    const redactor = redactorFromEnv(env, named);
    const text = Object.values(env).join(" | ");
    expect(redactor(text)).toBe(
      "[redacted] | [redacted] | [redacted] | [redacted] | [redacted] | /etc/cf-gitops/passphrase | [redacted] | [redacted] | [redacted] | /root | /usr/bin",
    );
  });

  it("without the stack's names, a variable named like nothing secret is left alone", () => {
    expect(redactorFromEnv(env)("hook https://hooks.slack.com/services/T0/B0/slack-secret")).toBe("hook https://hooks.slack.com/services/T0/B0/slack-secret");
  });
});

describe("usage messages", () => {
  it("leaves upper-case placeholders alone", () => {
    expect(redact('--user must look like TOKEN=EMAIL; got "alice@example.com"')).toBe('--user must look like TOKEN=EMAIL; got "alice@example.com"');
    expect(redact("password=HUNTER2x")).toBe("password=[redacted]");
  });
});

describe("key=value credentials in lower case letters only", () => {
  it("are still redacted", () => {
    expect(redact("secret=abcdefgh")).toBe("secret=[redacted]");
  });
});
