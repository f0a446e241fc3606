import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
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
    const store = new EmulatorStore("0123456789abcdef0123456789abcdef");
    const persister = new StatePersister(join(dir, "state.json"), store);
    for (let i = 0; i < 50; i++) {
      store.purges.push({ zone_id: "z", body: { i }, at: "t" });
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
    const store = new EmulatorStore("0123456789abcdef0123456789abcdef");
    const persister = new StatePersister(join(blocker, "state.json"), store, (error) => errors.push(error));
    await expect(persister.schedule()).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(persister.lastError).toBeDefined();
  });

  it("refuses a JSON file that is not an emulator state file", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "state.json"), JSON.stringify({ hello: 1 }));
    const persister = new StatePersister(join(dir, "state.json"), new EmulatorStore("0123456789abcdef0123456789abcdef"));
    await expect(persister.load()).rejects.toThrow('is not a cf-gitops emulator state file');
  });
});
