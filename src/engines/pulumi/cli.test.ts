import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../shared/logger.ts";
import { token } from "../../../test/native-support.ts";
import { AbortedError, ToolMissingError } from "../../shared/errors.ts";
import { findPulumiCli } from "./cli.ts";
import { createPulumiEngine } from "./index.ts";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cf-gitops-pulumi-cli-"));
  await writeFile(join(dir, "pulumi"), "#!/bin/sh\necho v3.0.0\n");
  await chmod(join(dir, "pulumi"), 0o755);
  await writeFile(join(dir, "not-executable"), "");
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe("finding the pulumi CLI", () => {
  it("finds an executable pulumi on PATH", () => {
    expect(findPulumiCli({ PATH: `/nonexistent:${dir}` })).toBe(join(dir, "pulumi"));
  });

  it("reports nothing when PATH has no pulumi", () => {
    expect(findPulumiCli({ PATH: "/nonexistent:/also-missing" })).toBeUndefined();
    expect(findPulumiCli({})).toBeUndefined();
  });

  it("createPulumiEngine fails fast with ToolMissingError and the install hint, before loading the SDK", () => {
    let caught: unknown;
    try {
      createPulumiEngine({ dataDir: dir, apiToken: token, log: silentLogger(), env: { PATH: "/nonexistent" } });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ToolMissingError);
    expect((caught as ToolMissingError).tool).toBe("pulumi");
    expect((caught as ToolMissingError).hint).toContain("curl -fsSL https://get.pulumi.com | sh");
    expect((caught as ToolMissingError).hint).toContain("arm64");
  });
});

describe("cancellation", () => {
  it("an already-aborted run stops with AbortedError before any call to Cloudflare or pulumi", async () => {
    const engine = createPulumiEngine({
      dataDir: dir,
      apiToken: token,
      baseUrl: "http://127.0.0.1:9/client/v4", // nothing listens: any call would fail with another error
      log: silentLogger(),
      env: { PATH: dir, PULUMI_CONFIG_PASSPHRASE: "x" },
    });
    const stack = { name: "default" } as Parameters<typeof engine.plan>[1]["stack"];
    const controller = new AbortController();
    controller.abort();
    await expect(engine.plan({ dir: "desired-state", zones: [], services: [] }, { stack, log: silentLogger(), signal: controller.signal })).rejects.toBeInstanceOf(AbortedError);
  });
});
