import { describe, expect, it } from "vitest";
import type { StackConfig } from "../desired-state/types.ts";
import { silentLogger } from "../shared/logger.ts";
import { createBranchSync, type StackTarget } from "./branch-sync.ts";
import type { CommitInfo } from "./git-source.ts";

const commit = (sha: string): CommitInfo => ({ sha, author: "Ada", message: sha, date: "" });

function target(name: string, include: string[] | undefined, lastSeen: string | undefined) {
  const queued: string[] = [];
  let seen = lastSeen;
  const stack: StackTarget = {
    name,
    lastSeen: () => seen,
    seen: (sha) => void (seen = sha),
    config: () => (include ? ({ desired_state: { dir: "desired-state", include } } as StackConfig) : undefined),
    enqueueApply: (trigger, sha) => void queued.push(`${trigger}:${sha}`),
  };
  return { stack, queued, seen: () => seen };
}

function fakeMirror(heads: string[], changed: Record<string, string[]>) {
  let fetches = 0;
  let release: (() => void) | undefined;
  return {
    fetches: () => fetches,
    hold() {
      return new Promise<void>((resolve) => (release = resolve));
    },
    go: () => release?.(),
    mirror: {
      async fetch() {
        const head = heads[Math.min(fetches, heads.length - 1)]!;
        fetches++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return commit(head);
      },
      changedFiles: async (from: string, to: string) => changed[`${from}..${to}`],
      stackFiles: async () => [{ name: "home" }, { name: "work" }],
    },
  };
}

describe("branch sync: one fetch for every stack", () => {
  it("serves callers that arrive together with one fetch, and queues only the stacks the change concerns", async () => {
    const fake = fakeMirror(["c2"], { "c1..c2": ["desired-state/zones/home.yaml"] });
    const home = target("home", ["zones/home.yaml"], "c1");
    const work = target("work", ["zones/work.yaml"], "c1");
    const sync = createBranchSync({ mirror: fake.mirror, stacksAt: () => [], targets: () => [home.stack, work.stack], log: silentLogger() });
    const heads = await Promise.all([sync.sync("poll"), sync.sync("webhook"), sync.sync("poll")]);
    expect(heads.map((head) => head.sha)).toEqual(["c2", "c2", "c2"]);
    expect(fake.fetches()).toBe(1);
    // A push names the trigger of the runs it causes.
    expect(home.queued).toEqual(["webhook:c2"]);
    expect(work.queued).toEqual([]);
    expect(work.seen()).toBe("c2");
    expect(sync.head()?.commit.sha).toBe("c2");
  });

  it("starts another fetch for a caller that arrives while one is running (it may announce a newer commit)", async () => {
    const fake = fakeMirror(["c2", "c3"], {});
    const sync = createBranchSync({ mirror: fake.mirror, stacksAt: () => [], targets: () => [], log: silentLogger() });
    const first = sync.sync("poll");
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = sync.sync("webhook");
    expect((await first).sha).toBe("c2");
    expect((await second).sha).toBe("c3");
    expect(fake.fetches()).toBe(2);
  });

  it("queues a stack whose settings are unknown or whose base cannot be diffed; skips one that already saw the head or claimed it", async () => {
    const fake = fakeMirror(["c2"], {});
    const fresh = target("fresh", undefined, undefined);
    const lost = target("lost", ["**/*.yaml"], "gone");
    const current = target("current", ["**/*.yaml"], "c2");
    const claimer = target("claimer", ["**/*.yaml"], "c1");
    const sync = createBranchSync({ mirror: fake.mirror, stacksAt: () => [], targets: () => [fresh.stack, lost.stack, current.stack, claimer.stack], log: silentLogger() });
    await sync.sync("poll", (head) => claimer.stack.seen(head.sha));
    expect([fresh.queued, lost.queued, current.queued, claimer.queued]).toEqual([["poll:c2"], ["poll:c2"], [], []]);
  });

  it("lets the registry add the stacks a commit brings, without queuing them twice", async () => {
    const fake = fakeMirror(["c2"], {});
    const added = target("work", undefined, undefined);
    const seen: string[][] = [];
    const sync = createBranchSync({
      mirror: fake.mirror,
      stacksAt: (files) => {
        seen.push(files.map((file) => file.name));
        return ["work"];
      },
      targets: () => [added.stack],
      log: silentLogger(),
    });
    await sync.sync("poll");
    expect(seen).toEqual([["home", "work"]]);
    expect(added.queued).toEqual([]);
  });
});
