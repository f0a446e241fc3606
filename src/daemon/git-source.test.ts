import { mkdir, mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleGit } from "simple-git";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createGitSource, GitSourceError } from "./git-source.ts";

let root: string;

async function makeUpstream(): Promise<{ bare: string; work: string }> {
  const bare = join(root, "upstream.git");
  const work = join(root, "work");
  await simpleGit().init(true, [bare, "--initial-branch=main"]);
  await simpleGit().clone(bare, work);
  const git = simpleGit(work).addConfig("user.name", "Ada").addConfig("user.email", "ada@example.invalid");
  await git.raw(["checkout", "-B", "main"]);
  await writeFile(join(work, "a.txt"), "one\n");
  await git.add(".").commit("first");
  await git.push("origin", "main");
  return { bare, work };
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "cfg-git-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("git source", () => {
  it("clones, follows new commits and force-pushed history", async () => {
    const { bare, work } = await makeUpstream();
    const source = createGitSource({ repo: bare, branch: "main", dataDir: join(root, "data") });
    const first = await source.sync();
    expect(first.message).toBe("first");
    expect(first.author).toBe("Ada");

    const git = simpleGit(work);
    await writeFile(join(work, "a.txt"), "two\n");
    await git.add(".").commit("second");
    await git.push("origin", "main");
    const second = await source.sync();
    expect(second.message).toBe("second");
    expect(await source.remoteHead()).toBe(second.sha);

    await git.raw(["reset", "--hard", first.sha]);
    await writeFile(join(work, "a.txt"), "rewritten\n");
    await git.add(".").commit("rewritten");
    await git.push(["--force", "origin", "main"]);
    const third = await source.sync();
    expect(third.message).toBe("rewritten");
    expect(third.sha).not.toBe(second.sha);
  });

  it("links the product's node_modules into the clone after every sync", async () => {
    const { bare, work } = await makeUpstream();
    const modules = join(root, "product-node_modules");
    await mkdir(modules);
    const source = createGitSource({ repo: bare, branch: "main", dataDir: join(root, "data"), nodeModules: modules });
    await source.sync();
    expect(await realpath(join(source.dir, "node_modules"))).toBe(await realpath(modules));
    await writeFile(join(work, "b.txt"), "more\n");
    await simpleGit(work).add(".").commit("more");
    await simpleGit(work).push("origin", "main");
    await source.sync();
    expect(await realpath(join(source.dir, "node_modules"))).toBe(await realpath(modules));
  });

  it("names the repository and branch when fetching fails", async () => {
    const source = createGitSource({ repo: join(root, "missing.git"), branch: "main", dataDir: join(root, "data") });
    const error = await source.sync().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitSourceError);
    expect((error as Error).message).toContain("missing.git");
  });
});
