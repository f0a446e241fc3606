// List writes through the native engine against the emulator's asynchronous bulk operations: the
// apply waits (polling) until the item replace completes, reports a failed operation as a failed
// change, and gives up after its bound instead of hanging.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../src/emulator/index.ts";
import { createNativeEngine } from "../src/engines/native/index.ts";
import { bulkPoll } from "../src/kinds/list/native.ts";
import { silentLogger } from "../src/shared/logger.ts";
import { emulatorWith, load, removeRepo, requestCount, runOptions, sdk, tempRepo, token, writeFiles } from "./native-support.ts";

const list = (items: string[]) => ["list: blocked", "kind: ip", "items:", ...items.map((item) => `  - ${item}`), ""].join("\n");

describe("list items through bulk operations", () => {
  let emulator: RunningEmulator;
  let root: string;
  const saved = { ...bulkPoll };
  beforeAll(async () => {
    emulator = await emulatorWith([]);
    root = await tempRepo({ "stacks/default.yaml": "engine: native\n", "desired-state/lists/blocked.yaml": list(["192.0.2.1"]) });
    bulkPoll.delayMs = 5;
    bulkPoll.maxDelayMs = 20;
  });
  afterEach(() => emulator.setFaults({}));
  afterAll(async () => {
    Object.assign(bulkPoll, saved);
    await emulator.close();
    await removeRepo(root);
  });

  const engine = () => createNativeEngine({ apiToken: token, baseUrl: emulator.baseUrl, accountId: emulator.accountId, log: silentLogger() });

  async function apply() {
    const { desired, stack } = await load(root);
    return engine().apply(desired, runOptions(stack, { approve: async () => true }));
  }

  it("polls a pending replace until it completes before reporting the change applied", async () => {
    emulator.setFaults({ bulkOperations: { polls: 3 } });
    const result = await apply();
    expect(result.error).toBeUndefined();
    expect(result.outcomes.map((o) => `${o.op} ${o.id} ${o.status}`)).toEqual(["create lists/blocked applied"]);
    expect(requestCount(emulator, /^GET .*bulk_operations/)).toBe(4); // pending, running, running, completed
    const items = await sdk(emulator).rules.lists.items.list((await sdk(emulator).rules.lists.list({ account_id: emulator.accountId })).result[0]!.id, { account_id: emulator.accountId });
    expect(items.result.map((item) => (item as { ip?: string }).ip)).toEqual(["192.0.2.1"]);
  });

  it("reports a failed operation as a failed change, and the list keeps its items", async () => {
    await writeFiles(root, { "desired-state/lists/blocked.yaml": list(["192.0.2.1", "192.0.2.2"]) });
    emulator.setFaults({ bulkOperations: { failWith: "This list is at the maximum number of items" } });
    const result = await apply();
    expect(result.status).toBe("failed");
    expect(result.error).toBe("Cloudflare could not replace the items of list blocked: This list is at the maximum number of items");
    expect(result.outcomes.map((o) => o.status)).toEqual(["failed"]);
    emulator.setFaults({});
    const { desired, stack } = await load(root);
    expect((await engine().plan(desired, runOptions(stack))).changes.map((c) => `${c.op} ${c.id} ${c.fields.join(",")}`)).toEqual(["update lists/blocked items"]);
  });

  it("gives up after its bound when the operation never completes", async () => {
    emulator.setFaults({ bulkOperations: { polls: 1_000 } });
    const timeout = bulkPoll.timeoutMs;
    bulkPoll.timeoutMs = 200;
    try {
      const started = Date.now();
      const result = await apply();
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(result.status).toBe("failed");
      expect(result.error).toMatch(/^Cloudflare did not replace the items of list blocked within 0.2 s \(still running after \d+ checks\)$/);
    } finally {
      bulkPoll.timeoutMs = timeout;
    }
  });
});
