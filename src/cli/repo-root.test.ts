import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findRepositoryRoot } from "./repo-root.ts";

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function repository(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "cfg-root-"));
  dirs.push(root);
  await mkdir(join(root, "stacks"));
  await mkdir(join(root, "desired-state/zones"), { recursive: true });
  return root;
}

describe("the configuration repository's root", () => {
  it("is found upward from a subfolder, as git finds its own, and stops at a checkout's top", async () => {
    const root = await repository();
    expect(findRepositoryRoot(join(root, "desired-state/zones"))).toBe(root);
    expect(findRepositoryRoot(root)).toBe(root);
    const checkout = join(root, "vendor/other");
    await mkdir(join(checkout, ".git"), { recursive: true });
    await mkdir(join(checkout, "src"));
    expect(findRepositoryRoot(join(checkout, "src"))).toBeUndefined();
  });

});
