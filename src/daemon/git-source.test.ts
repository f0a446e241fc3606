import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleGit, type SimpleGit } from "simple-git";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRepoMirror, GitSourceError } from "./git-source.ts";
import { createWorktreeSource, worktreeDir } from "./worktree-source.ts";

let root: string;

async function makeUpstream(): Promise<{ bare: string; work: string; git: SimpleGit }> {
  const bare = join(root, "upstream.git");
  const work = join(root, "work");
  await simpleGit().init(true, [bare, "--initial-branch=main"]);
  await simpleGit().clone(bare, work);
  const git = simpleGit(work).addConfig("user.name", "Ada").addConfig("user.email", "ada@example.invalid");
  await git.raw(["checkout", "-B", "main"]);
  await writeFile(join(work, "a.txt"), "one\n");
  await git.add(".").commit("first");
  await git.push("origin", "main");
  return { bare, work, git };
}

async function commit(git: SimpleGit, work: string, files: Record<string, string>, message: string): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(work, path, ".."), { recursive: true });
    await writeFile(join(work, path), text);
  }
  await git.add(".").commit(message);
  await git.push("origin", "main");
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "cfg-git-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("repository mirror (the daemon's one clone)", () => {
  it("clones, follows new commits and force-pushed history", async () => {
    const { bare, work, git } = await makeUpstream();
    const mirror = createRepoMirror({ repo: bare, branch: "main", dataDir: join(root, "data") });
    const first = await mirror.fetch();
    expect(first).toMatchObject({ message: "first", author: "Ada" });

    await commit(git, work, { "a.txt": "two\n" }, "second");
    expect(await mirror.remoteHead()).not.toBe(first.sha);
    const second = await mirror.fetch();
    expect(second.message).toBe("second");
    expect(await mirror.remoteHead()).toBe(second.sha);

    await git.raw(["reset", "--hard", first.sha]);
    await writeFile(join(work, "a.txt"), "rewritten\n");
    await git.add(".").commit("rewritten");
    await git.push(["--force", "origin", "main"]);
    const third = await mirror.fetch();
    expect(third.message).toBe("rewritten");
    expect(third.sha).not.toBe(second.sha);
    // The rewritten-away commit is still readable: a stack that last saw it can be diffed.
    expect(await mirror.changedFiles(second.sha, third.sha)).toEqual(["a.txt"]);
  });

  it("lists the stacks at a commit with the token variable each names, and the files a commit changed", async () => {
    const { bare, work, git } = await makeUpstream();
    await commit(git, work, {
      "stacks/home.yaml": "engine: native\n",
      "stacks/work.yml": "# yaml-language-server: $schema=x\napi_token_env: \"CLOUDFLARE_API_TOKEN_WORK\"  # the name, never the token\n",
      "stacks/Pulumi.home.yaml": "config: {}\n",
    }, "stacks");
    const mirror = createRepoMirror({ repo: bare, branch: "main", dataDir: join(root, "data") });
    const before = await mirror.fetch();
    expect(await mirror.stackFiles(before.sha)).toEqual([{ name: "home" }, { name: "work", tokenEnv: "CLOUDFLARE_API_TOKEN_WORK" }]);
    await commit(git, work, { "desired-state/zones/a.yaml": "zone: a.example\n", "stacks/home.yaml": "engine: pulumi\n" }, "zone");
    const after = await mirror.fetch();
    expect((await mirror.changedFiles(before.sha, after.sha))?.sort()).toEqual(["desired-state/zones/a.yaml", "stacks/home.yaml"]);
    expect(await mirror.changedFiles("0".repeat(40), after.sha)).toBeUndefined();
  });

  it("names the repository and branch when fetching fails", async () => {
    const mirror = createRepoMirror({ repo: join(root, "missing.git"), branch: "main", dataDir: join(root, "data") });
    const error = await mirror.fetch().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitSourceError);
    expect((error as Error).message).toContain("missing.git");
  });
});

describe("worktree source (a run's checkout)", () => {
  it("checks each stack's commit out in its own worktree, so two stacks can stand at different commits", async () => {
    const { bare, work, git } = await makeUpstream();
    const dataDir = join(root, "data");
    const mirror = createRepoMirror({ repo: bare, branch: "main", dataDir });
    const first = await mirror.fetch();
    await commit(git, work, { "a.txt": "two\n" }, "second");
    const second = await mirror.fetch();
    const modules = join(root, "product-node_modules");
    await mkdir(modules);
    const home = createWorktreeSource({ dataDir, stack: "home", branch: "main", commit: first, nodeModules: modules });
    const office = createWorktreeSource({ dataDir, stack: "office", branch: "main", commit: second, nodeModules: modules });
    expect(await Promise.all([home.sync(), office.sync()])).toEqual([first, second]);
    expect(await readFile(join(home.dir, "a.txt"), "utf8")).toBe("one\n");
    expect(await readFile(join(office.dir, "a.txt"), "utf8")).toBe("two\n");
    expect(await realpath(join(home.dir, "node_modules"))).toBe(await realpath(modules));

    // The next run of the same stack moves its worktree; files the last run left behind are gone.
    await writeFile(join(home.dir, "stray.txt"), "left over\n");
    await createWorktreeSource({ dataDir, stack: "home", branch: "main", commit: second, nodeModules: modules }).sync();
    expect(await readFile(join(home.dir, "a.txt"), "utf8")).toBe("two\n");
    await expect(readFile(join(home.dir, "stray.txt"), "utf8")).rejects.toThrow();
    expect(await realpath(join(home.dir, "node_modules"))).toBe(await realpath(modules));
    expect(worktreeDir(dataDir, "../escape")).toMatch(/worktrees\/stack-[0-9a-f]{16}$/);
  });

  it("says which stack and commit it could not check out", async () => {
    const { bare } = await makeUpstream();
    const dataDir = join(root, "data");
    await createRepoMirror({ repo: bare, branch: "main", dataDir }).fetch();
    const missing = { sha: "f".repeat(40), author: "", message: "", date: "" };
    const error = await createWorktreeSource({ dataDir, stack: "home", branch: "main", commit: missing }).sync().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitSourceError);
    expect((error as Error).message).toContain("could not check out commit fffffff for stack home");
  });
});
