import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../shared/errors.ts";
import { requireSharedBackendUnderCi, resolvePulumiSettings } from "./settings.ts";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cf-gitops-pulumi-settings-"));
  await writeFile(join(dir, "passphrase"), "correct horse\n");
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe("Pulumi backend and passphrase", () => {
  it("defaults to a file backend in the data dir, with the passphrase from the environment", () => {
    const settings = resolvePulumiSettings("/var/lib/cf-gitops", { PULUMI_CONFIG_PASSPHRASE: "s3cret" });
    expect(settings.backendUrl).toBe("file:///var/lib/cf-gitops/pulumi");
    expect(settings.workDir).toBe("/var/lib/cf-gitops/pulumi/workspace");
    expect(settings.envVars).toMatchObject({ PULUMI_BACKEND_URL: "file:///var/lib/cf-gitops/pulumi", PULUMI_CONFIG_PASSPHRASE: "s3cret" });
    expect(settings.secretsProvider).toBe("passphrase");
  });

  it("PULUMI_BACKEND_URL overrides; PULUMI_CONFIG_PASSPHRASE_FILE is passed on", () => {
    const file = join(dir, "passphrase");
    const settings = resolvePulumiSettings(dir, { PULUMI_BACKEND_URL: "s3://bucket/state", PULUMI_CONFIG_PASSPHRASE_FILE: file });
    expect(settings.backendUrl).toBe("s3://bucket/state");
    expect(settings.envVars.PULUMI_CONFIG_PASSPHRASE_FILE).toBe(file);
    expect(settings.envVars.PULUMI_CONFIG_PASSPHRASE).toBeUndefined();
  });

  it("Pulumi Cloud needs no passphrase (it manages secrets)", () => {
    const settings = resolvePulumiSettings(dir, { PULUMI_BACKEND_URL: "https://api.pulumi.com" });
    expect(settings.secretsProvider).toBeUndefined();
  });

  it("a self-managed backend without a passphrase is a ConfigError naming both variables", () => {
    expect(() => resolvePulumiSettings(dir, {})).toThrow(ConfigError);
    expect(() => resolvePulumiSettings(dir, {})).toThrow(/passphrase/);
    try {
      resolvePulumiSettings(dir, {});
    } catch (error) {
      expect((error as ConfigError).hint).toMatch(/PULUMI_CONFIG_PASSPHRASE.*PULUMI_CONFIG_PASSPHRASE_FILE/);
    }
  });

  it("an unreadable passphrase file is named in the error", () => {
    expect(() => resolvePulumiSettings(dir, { PULUMI_CONFIG_PASSPHRASE_FILE: join(dir, "missing") })).toThrow(/missing.*cannot be read/);
  });

  it("passes a shared backend's credentials to the CLI (R2 through the S3 API, Pulumi Cloud), nothing else", () => {
    const settings = resolvePulumiSettings(dir, {
      PULUMI_BACKEND_URL: "s3://cf-gitops-state?endpoint=https://0123.r2.cloudflarestorage.com&region=auto&s3ForcePathStyle=true",
      PULUMI_CONFIG_PASSPHRASE: "p",
      AWS_ACCESS_KEY_ID: "r2-key",
      AWS_SECRET_ACCESS_KEY: "r2-secret",
      PULUMI_ACCESS_TOKEN: "pul-token",
      CLOUDFLARE_API_TOKEN: "cfgitops-not-for-the-cli-0123456789abcdefgh",
    });
    expect(settings.envVars).toMatchObject({ AWS_ACCESS_KEY_ID: "r2-key", AWS_SECRET_ACCESS_KEY: "r2-secret", PULUMI_ACCESS_TOKEN: "pul-token" });
    expect(settings.envVars.CLOUDFLARE_API_TOKEN).toBeUndefined();
  });
});

describe("previews under CI need a shared backend", () => {
  const local = () => resolvePulumiSettings(dir, { PULUMI_CONFIG_PASSPHRASE: "p" });
  it("refuses the local file backend when CI or GITHUB_ACTIONS is set, naming PULUMI_BACKEND_URL", () => {
    for (const env of [{ CI: "true" }, { CI: "1" }, { GITHUB_ACTIONS: "true" }]) {
      expect(() => requireSharedBackendUnderCi(local(), env)).toThrow(ConfigError);
      try {
        requireSharedBackendUnderCi(local(), env);
      } catch (error) {
        expect((error as ConfigError).message).toMatch(/^the pulumi engine needs a shared state backend under CI, and file:\/\/.* is a local file backend/);
        expect((error as ConfigError).hint).toMatch(/PULUMI_BACKEND_URL.*R2.*Pulumi Cloud/);
      }
    }
  });

  it("accepts a shared backend, no CI, or a file backend declared to be the real one", () => {
    const shared = resolvePulumiSettings(dir, { PULUMI_BACKEND_URL: "s3://state?endpoint=https://x.r2.cloudflarestorage.com", PULUMI_CONFIG_PASSPHRASE: "p" });
    expect(() => requireSharedBackendUnderCi(shared, { CI: "true" })).not.toThrow();
    expect(() => requireSharedBackendUnderCi(local(), {})).not.toThrow();
    expect(() => requireSharedBackendUnderCi(local(), { CI: "false", GITHUB_ACTIONS: "" })).not.toThrow();
    expect(() => requireSharedBackendUnderCi(local(), { CI: "true", CFGITOPS_ALLOW_FILE_BACKEND: "1" })).not.toThrow();
  });
});
