// Commit statuses (for the daemon) and `cf-gitops github outputs` (for the workflows).
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../src/cli/main.ts";
import { createGithubClient, setCommitStatus } from "../src/github/index.ts";
import { silentLogger } from "../src/shared/logger.ts";
import { startGithubServer, type GithubServer } from "./support/github-server.ts";
import { capturedIo } from "./support/captured-io.ts";

let server: GithubServer;
let dir: string;
beforeEach(async () => {
  server = await startGithubServer();
  dir = await mkdtemp(join(tmpdir(), "cf-gitops-gh-status-"));
});
afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe("setCommitStatus", () => {
  it("sets cf-gitops/apply on the commit and trims long descriptions to GitHub's 140 characters", async () => {
    const client = createGithubClient({ token: server.token, apiUrl: server.url, log: silentLogger(), paceWrites: false });
    const target = { client, owner: server.owner, repo: server.repo };
    await setCommitStatus(target, { sha: "0123456789abcdef0123456789abcdef01234567", state: "pending", description: "applying" });
    await setCommitStatus(target, { sha: "0123456789abcdef0123456789abcdef01234567", state: "failure", description: "x".repeat(300), targetUrl: "http://pi.local:8080/" });
    expect(server.statuses).toEqual([
      { sha: "0123456789abcdef0123456789abcdef01234567", state: "pending", description: "applying", context: "cf-gitops/apply", target_url: null },
      { sha: "0123456789abcdef0123456789abcdef01234567", state: "failure", description: `${"x".repeat(139)}…`, context: "cf-gitops/apply", target_url: "http://pi.local:8080/" },
    ]);
  });

  it("fails with the status code when the token is wrong", async () => {
    const client = createGithubClient({ token: "nope", apiUrl: server.url, log: silentLogger(), paceWrites: false });
    await expect(setCommitStatus({ client, owner: server.owner, repo: server.repo }, { sha: "abcdef1", state: "success", description: "ok" })).rejects.toMatchObject({ status: 401 });
    expect(server.statuses).toHaveLength(0);
  });
});

describe("cf-gitops github outputs", () => {
  function io(env: Record<string, string>) {
    const captured = capturedIo({ cwd: dir, env });
    return { io: captured.io, out: captured.stdout, err: captured.stderr };
  }

  it("writes the stacks, the chosen stack and its engine to $GITHUB_OUTPUT", async () => {
    await mkdir(join(dir, "stacks"));
    await writeFile(join(dir, "stacks", "default.yaml"), "engine: native\n");
    await writeFile(join(dir, "stacks", "staging.yaml"), "account_id: abc\n");
    await writeFile(join(dir, "stacks", "Pulumi.default.yaml"), "config: {}\n");
    const run = io({ GITHUB_OUTPUT: join(dir, "out.txt") });
    expect(await main(["github", "outputs"], run.io)).toBe(0);
    expect(await readFile(join(dir, "out.txt"), "utf8")).toBe('stacks=["default","staging"]\nstack=default\nengine=native\n');
    const staging = io({});
    expect(await main(["github", "outputs", "--stack", "staging"], staging.io)).toBe(0);
    expect(staging.out()).toContain("engine=pulumi\n");
  });

  it("still lists the stacks when a stack file is broken, and names the file when asked for that stack", async () => {
    await mkdir(join(dir, "stacks"));
    await writeFile(join(dir, "stacks", "default.yaml"), "engine: [native\n");
    const listing = io({});
    expect(await main(["github", "outputs"], listing.io)).toBe(0);
    expect(listing.out()).toBe('stacks=["default"]\n');
    const named = io({});
    expect(await main(["github", "outputs", "--stack", "default"], named.io)).toBe(1);
    expect(named.err()).toMatch(/^error: stacks\/default.yaml cannot be read as YAML/);
  });

  it("names the stacks it found when the requested one is missing", async () => {
    await mkdir(join(dir, "stacks"));
    await writeFile(join(dir, "stacks", "default.yaml"), "engine: native\n");
    const run = io({});
    expect(await main(["github", "outputs", "--stack", "prod"], run.io)).toBe(1);
    expect(run.err()).toContain('error: no stack "prod" in stacks/ (found: default)');
  });
});
