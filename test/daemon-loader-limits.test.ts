// Issue 22 items 1 and 9 against a real daemon process: a stack file committed as a symbolic link to
// /dev/zero fails its run at once with a clear diagnostic (it used to read without limit, 9 GB in
// 40 s), and a stack whose desired_state.dir leads out of the repository fails with a clear error;
// in both cases nothing is written, and the next good commit applies.
import Cloudflare from "cloudflare";
import { mkdtemp, readFile, rm, symlink, unlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../src/emulator/index.ts";
import { createUpstream, sendPush, startDaemonProcess, waitFor, type DaemonProcess, type Upstream } from "./support/daemon-process.ts";

const secret = "webhook-secret-for-loader-tests";
let dir: string;
let emulator: RunningEmulator;
let upstream: Upstream;
let daemon: DaemonProcess;

interface RunRow {
  id: number;
  result: string;
  commit?: string;
  error?: string;
  startedAt: string;
  finishedAt?: string;
  diagnostics: Array<{ file: string; line: number; code: string; message: string }>;
}

async function finished(commit: string): Promise<RunRow> {
  return waitFor(async () => {
    const { runs } = (await (await fetch(`${daemon.url}/api/runs?limit=20`)).json()) as { runs: RunRow[] };
    return runs.find((run) => run.commit === commit && run.result !== "running");
  }, 30_000, `the run of ${commit.slice(0, 7)}`).catch((error: unknown) => { console.log(daemon.stderr().slice(-3000)); throw error; });
}

async function push(sha: string): Promise<RunRow> {
  expect((await sendPush(daemon.url, secret, { ref: "refs/heads/main", after: sha })).status).toBe(202);
  return finished(sha);
}

/** Peak resident memory of a process (VmHWM), in MB. */
async function peakMb(pid: number): Promise<number> {
  return Number(/^VmHWM:\s+(\d+) kB$/m.exec(await readFile(`/proc/${pid}/status`, "utf8"))?.[1]) / 1024;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cfg-daemon-loader-"));
  emulator = await startEmulator({ zones: ["example.com", "example.net"] });
  await new Cloudflare({ apiToken: "e2e", baseURL: emulator.baseUrl, maxRetries: 0 }).zeroTrust.tunnels.cloudflared.create({ account_id: emulator.accountId, name: "home-pi", config_src: "cloudflare" });
  upstream = await createUpstream(dir);
  daemon = await startDaemonProcess({ repo: upstream.bare, dataDir: join(dir, "data"), env: { CLOUDFLARE_BASE_URL: emulator.baseUrl, CLOUDFLARE_API_TOKEN: "e2e", CFGITOPS_WEBHOOK_SECRET: secret } });
  expect((await finished((await upstream.git.revparse(["HEAD"])).trim())).result).toBe("success");
}, 60_000);

afterAll(async () => {
  await daemon?.stop();
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("what a run reads stays in the repository", () => {
  it("fails a stack file that is a link to /dev/zero at once, without reading it (item 1)", async () => {
    const stackText = await upstream.read("stacks/default.yaml");
    const writes = emulator.auditLog().length;
    await unlink(join(upstream.work, "stacks", "default.yaml"));
    await symlink("/dev/zero", join(upstream.work, "stacks", "default.yaml"));
    await upstream.git.add(".").commit("the stack file is a link to /dev/zero");
    await upstream.git.push("origin", "main");
    const sha = (await upstream.git.revparse(["HEAD"])).trim();
    const daemonPeakBefore = await peakMb(daemon.child.pid!);
    const run = await push(sha);
    expect(run.result).toBe("failure");
    expect(run.diagnostics).toEqual([expect.objectContaining({ file: "stacks/default.yaml", code: "file-outside-repository", message: "the file is a symbolic link to /dev/zero, outside the repository" })]);
    expect(Date.parse(run.finishedAt!) - Date.parse(run.startedAt)).toBeLessThan(15_000);
    expect(await peakMb(daemon.child.pid!)).toBeLessThan(daemonPeakBefore + 64);
    expect(emulator.auditLog().length).toBe(writes);

    await unlink(join(upstream.work, "stacks", "default.yaml"));
    expect((await push(await upstream.commit({ "stacks/default.yaml": stackText }, "a real stack file again"))).result).toBe("success");
  }, 90_000);

  it("fails a stack whose desired_state.dir climbs out of the repository, naming the line (item 9)", async () => {
    const stackText = await upstream.read("stacks/default.yaml");
    const writes = emulator.auditLog().length;
    const run = await push(await upstream.commit({ "stacks/default.yaml": stackText.replace("dir: desired-state", "dir: ../../../../etc") }, "desired_state.dir out of the repository"));
    expect(run.result).toBe("failure");
    expect(run.diagnostics).toEqual([expect.objectContaining({ file: "stacks/default.yaml", code: "stack-dir-outside-repository", message: 'desired_state.dir "../../../../etc" is outside the repository' })]);
    expect(emulator.auditLog().length).toBe(writes);
    expect((await push(await upstream.commit({ "stacks/default.yaml": stackText }, "back in the repository"))).result).toBe("success");
  }, 60_000);
});
