import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startGithubServer, type GithubServer } from "../../test/support/github-server.ts";
import { silentLogger } from "../shared/logger.ts";
import { githubRepository } from "./github-status.ts";
import { createDaemonNotifications } from "./setup.ts";

describe("githubRepository", () => {
  it("reads owner/name from GitHub URLs only", () => {
    expect(githubRepository("https://github.com/acme/cloudflare.git")).toBe("acme/cloudflare");
    expect(githubRepository("https://x-access-token:abc@github.com/acme/cloudflare")).toBe("acme/cloudflare");
    expect(githubRepository("git@github.com:acme/cf.config.git")).toBe("acme/cf.config");
    expect(githubRepository("/srv/git/cloudflare")).toBeUndefined();
    expect(githubRepository("https://gitlab.com/acme/cloudflare.git")).toBeUndefined();
  });
});

describe("createDaemonNotifications", () => {
  let server: GithubServer;
  let dir: string;
  beforeEach(async () => {
    server = await startGithubServer();
    dir = await mkdtemp(join(tmpdir(), "cf-gitops-notify-setup-"));
  });
  afterEach(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("sets the commit status of the tracked GitHub repository and remembers drift in the data dir", async () => {
    const env = { GITHUB_TOKEN: server.token, GITHUB_API_URL: server.url };
    const notify = { github_status: true, repeat_after: 600 };
    const setup = createDaemonNotifications({ stack: { notify }, env, dataDir: dir, log: silentLogger(), repoUrl: `https://github.com/${server.owner}/${server.repo}.git` });
    expect(setup.channels).toEqual(["github-status"]);
    expect(setup.warnings).toEqual([]);
    await setup.dispatcher.notify({ kind: "applied", stack: "default", runKind: "apply", commit: "abcdef1234" });
    expect(server.statuses.map((s) => `${s.sha} ${s.state} ${s.context}`)).toEqual(["abcdef1234 success cf-gitops/apply"]);
    expect((await setup.dispatcher.notify({ kind: "drift-found", stack: "default", changes: [] })).suppressed).toBe("no-notifier");
  });

  it("warns when a token is set but no repository is known", async () => {
    const setup = createDaemonNotifications({ stack: { notify: { github_status: true, repeat_after: 60 } }, env: { GITHUB_TOKEN: "t" }, dataDir: dir, log: silentLogger(), repoUrl: "/srv/git/cloudflare" });
    expect(setup.channels).toEqual([]);
    expect(setup.warnings).toEqual(["the commit status is off: set GITHUB_REPOSITORY=owner/name (or track a github.com repository)"]);
    await expect(readFile(join(dir, "notify-state.json"), "utf8")).rejects.toThrow();
  });
});
