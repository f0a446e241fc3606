import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../shared/errors.ts";
import { resolvePulumiSettings } from "./settings.ts";

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
});
