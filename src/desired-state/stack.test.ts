import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadStack } from "./stack.ts";
import { tokenEnvIn } from "./stack-files.ts";

const repo = join(import.meta.dirname, "..", "..");
let root: string | undefined;

async function repoWith(files: Record<string, string>): Promise<string> {
  root = await mkdtemp(join(tmpdir(), "cfgitops-stack-"));
  await mkdir(join(root, "stacks"));
  for (const [name, text] of Object.entries(files)) await writeFile(join(root, "stacks", name), text);
  return root;
}

afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
  root = undefined;
});

describe("loadStack", () => {
  it("reads the shipped stack with its values and the defaults", async () => {
    const { stack, diagnostics } = await loadStack(repo);
    expect(diagnostics).toEqual([]);
    expect(stack).toMatchObject({ name: "default", file: "stacks/default.yaml", engine: "native", tunnels: { "home-pi": {} }, dns_batch_size: 200, poll_interval: 60, drift_remediation: "report" });
    expect(stack?.schedules.drift).toBe("*/15 * * * *");
  });

  it("defaults the engine to pulumi and skips Pulumi.<stack>.yaml files", async () => {
    const dir = await repoWith({ "prod.yaml": "tunnels:\n  home-pi:\n", "Pulumi.prod.yaml": "config: {}\n" });
    const { stack, diagnostics } = await loadStack(dir);
    expect(diagnostics).toEqual([]);
    expect(stack).toMatchObject({ name: "prod", engine: "pulumi", create_zones: false, tunnels: { "home-pi": {} }, desired_state: { dir: "desired-state" } });
  });

  it("asks for --stack when several stacks exist and none is default", async () => {
    const dir = await repoWith({ "a.yaml": "engine: native\n", "b.yaml": "engine: native\n" });
    const { stack, diagnostics } = await loadStack(dir);
    expect(stack).toBeUndefined();
    expect(diagnostics[0]).toMatchObject({ code: "stack-ambiguous", file: "stacks" });
    expect((await loadStack(dir, "b")).stack?.name).toBe("b");
  });

  it("reports a missing named stack with the known ones", async () => {
    const dir = await repoWith({ "default.yaml": "engine: native\n" });
    const { diagnostics } = await loadStack(dir, "prod");
    expect(diagnostics[0]).toMatchObject({ code: "stack-missing", file: "stacks/prod.yaml", hint: "known stacks: default" });
  });

  it("reads a tunnel id and rejects a malformed one at its position", async () => {
    const good = await repoWith({ "default.yaml": "tunnels:\n  pi: { id: 0b7c4d3e-1f2a-4b5c-8d9e-0123456789ab }\n" });
    expect((await loadStack(good)).stack?.tunnels).toEqual({ pi: { id: "0b7c4d3e-1f2a-4b5c-8d9e-0123456789ab" } });
    await rm(good, { recursive: true, force: true });
    const bad = await repoWith({ "default.yaml": "tunnels:\n  pi: { id: not-a-uuid }\n" });
    const { diagnostics } = await loadStack(bad);
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics[0]).toMatchObject({ file: "stacks/default.yaml", line: 2 });
  });

  it("reads api_token_env (the variable's name) and rejects a value that is not a variable name, at its position", async () => {
    const good = await repoWith({ "work.yaml": "engine: native\napi_token_env: CLOUDFLARE_API_TOKEN_WORK\n" });
    expect((await loadStack(good)).stack?.api_token_env).toBe("CLOUDFLARE_API_TOKEN_WORK");
    await rm(good, { recursive: true, force: true });
    const bad = await repoWith({ "work.yaml": "engine: native\napi_token_env: \"cfat_0123456789abcdef token\"\n" });
    const { stack, diagnostics } = await loadStack(bad);
    expect(stack).toBeUndefined();
    expect(diagnostics[0]).toMatchObject({ file: "stacks/work.yaml", line: 2 });
  });

  it("refuses an api_token_env that names one of the daemon's own secrets, at its position", async () => {
    const dir = await repoWith({ "work.yaml": "engine: native\napi_token_env: CFGITOPS_ADMIN_TOKEN\n" });
    const { stack, diagnostics } = await loadStack(dir);
    expect(stack).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({ file: "stacks/work.yaml", line: 2, code: "stack-token-env-reserved", message: "api_token_env may not name CFGITOPS_ADMIN_TOKEN: it holds a secret of the daemon, not a Cloudflare token" }),
    ]);
    await rm(dir, { recursive: true, force: true });
  });
});

describe("tokenEnvIn (the daemon's read of a stack file, without parsing it)", () => {
  it("finds a top-level api_token_env, quoted or not, with a comment after it", () => {
    expect(tokenEnvIn("engine: native\napi_token_env: WORK_TOKEN\n")).toBe("WORK_TOKEN");
    expect(tokenEnvIn("api_token_env: 'WORK_TOKEN'   # the name only\n")).toBe("WORK_TOKEN");
    expect(tokenEnvIn('engine: native\r\napi_token_env: "WORK_TOKEN"\r\n')).toBe("WORK_TOKEN");
  });

  it("ignores a nested or commented key, and a value that is not a variable name", () => {
    expect(tokenEnvIn("notify:\n  api_token_env: NESTED\n")).toBeUndefined();
    expect(tokenEnvIn("# api_token_env: COMMENTED\n")).toBeUndefined();
    expect(tokenEnvIn("api_token_env: not a name\n")).toBeUndefined();
    expect(tokenEnvIn("engine: native\n")).toBeUndefined();
  });
});
