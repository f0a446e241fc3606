import { describe, expect, it } from "vitest";
import { runEnvironment } from "./run-env.ts";

const daemon = {
  PATH: "/usr/bin", HOME: "/var/lib/cf-gitops", LANG: "C.UTF-8", LC_ALL: "C", TZ: "UTC", HTTPS_PROXY: "http://proxy:3128",
  NODE_OPTIONS: "--max-old-space-size=256", NODE_COMPILE_CACHE: "/cache", NODE_AUTH_TOKEN: "npm-secret",
  CFGITOPS_LOG_LEVEL: "info", CFGITOPS_DATA_DIR: "/data", CFGITOPS_RUN_LOG_FILE: "/log/current.log", CFGITOPS_POLICY_FLOOR: "/etc/floor.yaml",
  CFGITOPS_ADMIN_TOKEN: "admin-secret", CFGITOPS_WEBHOOK_SECRET: "webhook-secret", CFGITOPS_READ_TOKEN: "read-secret",
  CFGITOPS_SLACK_WEBHOOK_URL: "https://hooks.slack.com/services/T/B/x", GITHUB_TOKEN: "ghp_secret", SMTP_URL: "smtp://u:p@mail",
  CLOUDFLARE_API_TOKEN: "home-token", CLOUDFLARE_API_TOKEN_WORK: "work-token", CLOUDFLARE_BASE_URL: "http://127.0.0.1:8787/client/v4", CLOUDFLARE_ACCOUNT_ID: "0c1d",
  PULUMI_CONFIG_PASSPHRASE: "pass", PULUMI_BACKEND_URL: "s3://state", AWS_ACCESS_KEY_ID: "r2-id", AWS_SECRET_ACCESS_KEY: "r2-secret",
  SOME_OTHER_SERVICE_KEY: "x",
};

describe("a run's environment", () => {
  it("keeps what a run needs and drops the daemon's own secrets", () => {
    const env = runEnvironment(daemon);
    expect(Object.keys(env).sort()).toEqual([
      "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "CFGITOPS_DATA_DIR", "CFGITOPS_LOG_LEVEL", "CFGITOPS_POLICY_FLOOR", "CFGITOPS_RUN_LOG_FILE",
      "CLOUDFLARE_ACCOUNT_ID", "CLOUDFLARE_API_TOKEN", "CLOUDFLARE_BASE_URL", "HOME", "HTTPS_PROXY", "LANG", "LC_ALL",
      "NODE_COMPILE_CACHE", "NODE_OPTIONS", "PATH", "PULUMI_BACKEND_URL", "PULUMI_CONFIG_PASSPHRASE", "TZ",
    ]);
    expect(env.CLOUDFLARE_API_TOKEN).toBe("home-token");
  });

  it("gives a stack with its own token that variable, and neither the default token nor another stack's", () => {
    const env = runEnvironment(daemon, "CLOUDFLARE_API_TOKEN_WORK");
    expect(env.CLOUDFLARE_API_TOKEN_WORK).toBe("work-token");
    expect(env.CLOUDFLARE_API_TOKEN).toBeUndefined();
    expect(runEnvironment(daemon).CLOUDFLARE_API_TOKEN_WORK).toBeUndefined();
    expect(runEnvironment({ ...daemon, WORK_CF: "work-2" }, "WORK_CF").WORK_CF).toBe("work-2");
  });

  it("never hands a run one of the daemon's secrets, even when a stack file names it as its token", () => {
    for (const name of ["CFGITOPS_ADMIN_TOKEN", "CFGITOPS_WEBHOOK_SECRET", "CFGITOPS_READ_TOKEN", "GITHUB_TOKEN"]) {
      const env = runEnvironment(daemon, name);
      expect(env[name], name).toBeUndefined();
      expect(Object.values(env)).not.toContain(daemon[name as keyof typeof daemon]);
    }
  });
});
