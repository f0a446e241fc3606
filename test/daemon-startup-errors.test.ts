// Issue 11 item 7, against the real `cf-gitops daemon` command: a history database that is
// damaged, or a data directory that cannot be created, stops the daemon with a message that names
// the file, says what is wrong and what to do, and leaves the file as it was.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHistory } from "../src/history/store.ts";
import { createUpstream, startDaemonProcess, type Upstream } from "./support/daemon-process.ts";

let dir: string;
let upstream: Upstream;
const env = { CLOUDFLARE_BASE_URL: "http://127.0.0.1:9/client/v4", CLOUDFLARE_API_TOKEN: "unused" };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cfg-daemon-startup-"));
  upstream = await createUpstream(dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function startFailure(dataDir: string): Promise<string> {
  const error = await startDaemonProcess({ repo: upstream.bare, dataDir, env }).then(
    async (daemon) => {
      await daemon.stop();
      throw new Error("the daemon started");
    },
    (failure: unknown) => failure as Error,
  );
  return error.message;
}

describe("daemon start-up with a bad data directory", () => {
  it("refuses a damaged history database: names it, says restore or move aside, does not touch it", async () => {
    const dataDir = join(dir, "damaged");
    await mkdir(dataDir);
    const file = join(dataDir, "history.sqlite");
    const garbage = Buffer.from(Array.from({ length: 16_384 }, (_, i) => (i * 131 + 7) % 256));
    await writeFile(file, garbage);
    const output = await startFailure(dataDir);
    expect(output).toMatch(/daemon exited with 1/);
    expect(output).toContain(`error: history database ${file} is damaged: file is not a database`);
    expect(output).toContain("hint: stop cf-gitops, then restore a backup with `cf-gitops restore`");
    expect(output).toContain(`mv ${file} ${file}.damaged`);
    expect(output).not.toContain("this is a bug in cf-gitops");
    expect((await readFile(file)).equals(garbage)).toBe(true);
  });

  it("refuses a history database damaged past its schema, found by the integrity check at open (issue 22 item 11)", async () => {
    const dataDir = join(dir, "damaged-pages");
    const file = join(dataDir, "history.sqlite");
    const history = openHistory(file);
    for (let i = 0; i < 300; i++) history.finishRun(history.startRun({ stack: "default", kind: "apply", trigger: "poll", message: `run ${i} ${"x".repeat(200)}` }), { result: "success" });
    const { rootpage } = history.db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'runs'").get() as { rootpage: number };
    history.close();
    const bytes = await readFile(file);
    bytes.fill(0xa5, (rootpage - 1) * 4096, rootpage * 4096);
    await writeFile(file, bytes);
    const output = await startFailure(dataDir);
    expect(output).toContain(`error: history database ${file} is damaged: `);
    expect(output).toContain("(SQLite's integrity check failed)");
    expect(output).toContain(`mv ${file} ${file}.damaged`);
    expect(output).not.toContain("this is a bug in cf-gitops");
    expect((await readFile(file)).equals(bytes)).toBe(true);
  });

  // Tests run as root, where file permissions do not stop a write: the unwritable location is a
  // data directory under a regular file, which nobody can create.
  it("refuses a data directory it cannot create, naming it", async () => {
    await writeFile(join(dir, "plain-file"), "x\n");
    const dataDir = join(dir, "plain-file", "data");
    const output = await startFailure(dataDir);
    expect(output).toContain(`error: cannot create the data directory ${dataDir}: a file is in the way of a directory on its path`);
    expect(output).toContain("hint: choose a writable directory with --data-dir or CFGITOPS_DATA_DIR");
    expect(output).not.toContain("this is a bug in cf-gitops");
    expect(await readFile(join(dir, "plain-file"), "utf8")).toBe("x\n");
  });

  it("refuses a history database it cannot open (a directory in its place), naming the directory to fix", async () => {
    const dataDir = join(dir, "directory-in-place");
    await mkdir(join(dataDir, "history.sqlite"), { recursive: true });
    const output = await startFailure(dataDir);
    expect(output).toContain(`error: cannot open the history database ${join(dataDir, "history.sqlite")}: unable to open database file`);
    expect(output).toContain(`hint: make ${dataDir} a writable directory`);
  });
});
