import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { purgesOf } from "./families/purge/slice.ts";
import { storeSlices } from "./families/registry.ts";
import { StatePersister } from "./persistence.ts";
import { EmulatorStore } from "./store.ts";

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "cf-emulator-state-"));
  dirs.push(dir);
  return dir;
}

describe("StatePersister", () => {
  it("coalesces many changes into few writes and leaves no temporary file", async () => {
    const dir = await tempDir();
    const store = new EmulatorStore("0123456789abcdef0123456789abcdef", storeSlices());
    const persister = new StatePersister(join(dir, "state.json"), store);
    for (let i = 0; i < 50; i++) {
      purgesOf(store).push({ zone_id: "z", body: { i }, at: "t" });
      void persister.schedule();
    }
    await persister.flush();
    const saved = JSON.parse(await readFile(join(dir, "state.json"), "utf8")) as { purges: unknown[] };
    expect(saved.purges).toHaveLength(50);
    expect(await readdir(dir)).toEqual(["state.json"]);
  });

  it("reports a failed save without rejecting, and recovers on the next change", async () => {
    const dir = await tempDir();
    const blocker = join(dir, "not-a-dir");
    await writeFile(blocker, "x");
    const errors: unknown[] = [];
    const store = new EmulatorStore("0123456789abcdef0123456789abcdef", storeSlices());
    const persister = new StatePersister(join(blocker, "state.json"), store, (error) => errors.push(error));
    await expect(persister.schedule()).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(persister.lastError).toBeDefined();
  });

  it("refuses a JSON file that is not an emulator state file", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "state.json"), JSON.stringify({ hello: 1 }));
    const persister = new StatePersister(join(dir, "state.json"), new EmulatorStore("0123456789abcdef0123456789abcdef", storeSlices()));
    await expect(persister.load()).rejects.toThrow('is not a cf-gitops emulator state file');
  });

  it("loads a state file written before the families had folders, and writes it back unchanged", async () => {
    const dir = await tempDir();
    const zone = { id: "a".repeat(32), name: "example.com" };
    // The first release of the format: no lists, list items, bulk operations or audit log yet.
    const old = {
      format: "cf-gitops-emulator-state",
      version: 1,
      accountId: "0123456789abcdef0123456789abcdef",
      accountName: "old account",
      zones: [zone],
      records: { [zone.id]: [{ id: "b".repeat(32), name: "www.example.com", type: "A", content: "192.0.2.1", proxiable: true, proxied: false, ttl: 1, settings: {}, meta: {}, tags: [], created_on: "t", modified_on: "t" }] },
      settings: { [zone.id]: { ssl: { value: "strict", modified_on: "t" } } },
      rulesets: { [zone.id]: [{ id: "c".repeat(32), name: "default", description: "", kind: "zone", phase: "http_request_firewall_custom", version: "1", last_updated: "t", rules: [] }] },
      tunnels: [{ id: "d2f1c1e0-0000-4000-8000-000000000001", name: "pi" }],
      tunnelConfigs: [{ tunnel_id: "d2f1c1e0-0000-4000-8000-000000000001", version: 1, config: { ingress: [] } }],
      purges: [{ zone_id: zone.id, body: { purge_everything: true }, at: "t" }],
    };
    await writeFile(join(dir, "state.json"), JSON.stringify(old));
    const store = new EmulatorStore("f".repeat(32), storeSlices());
    await new StatePersister(join(dir, "state.json"), store).load();
    expect(store.accountId).toBe(old.accountId);
    const saved = store.toSnapshot();
    // Every key of the old file comes back as it was, in the same order; the newer ones (every
    // family's added since, from the registry) come after, empty.
    const newer = [...storeSlices().flatMap((slice) => slice.keys).filter((key) => !(key in old)), "audit"];
    expect(Object.keys(saved)).toEqual([...Object.keys(old), ...newer]);
    expect(Object.fromEntries(Object.keys(old).map((key) => [key, saved[key]]))).toEqual(old);
    for (const key of newer) expect(saved[key], key).toSatisfy((value: unknown) => (Array.isArray(value) ? value.length === 0 : Object.keys(value as object).length === 0));
    expect(newer).toEqual(expect.arrayContaining(["lists", "listItems", "bulkOperations", "audit"]));
  });
});
