// Issue 11 item 4: a password in the repository URL, and secret values of the environment, appear
// nowhere: not in the daemon's banner, its start-up warning, the failed run's message (logs,
// history, /api/runs, the page), nor in a CLI error. Against a real `cf-gitops daemon` process.
import { createServer, type Server } from "node:http";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDaemonProcess, waitFor, type DaemonProcess, repoRoot } from "./support/daemon-process.ts";
import { runMain } from "./support/captured-io.ts";

const password = "Tr0ub4dor-and-3";
const adminToken = "admin-token-for-redaction";
const apiToken = "cf-api-token-for-redaction";
let dir: string;
let gitHost: Server;
let daemon: DaemonProcess;
let repoUrl: string;

/** Every file under a directory, as text (the data directory is small). */
async function allFiles(root: string): Promise<{ path: string; text: string }[]> {
  const out: { path: string; text: string }[] = [];
  for (const name of await readdir(root, { recursive: true })) {
    const path = join(root, name);
    if ((await stat(path)).isFile()) out.push({ path, text: (await readFile(path)).toString("latin1") });
  }
  return out;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cfg-redaction-"));
  // An HTTP "git host" that answers every request with 500: git cannot clone from it.
  gitHost = createServer((_request, response) => response.writeHead(500).end("no"));
  await new Promise<void>((resolve) => gitHost.listen(0, "127.0.0.1", resolve));
  repoUrl = `https://deploy:${password}@127.0.0.1:${(gitHost.address() as AddressInfo).port}/home/infra.git`;
  daemon = await startDaemonProcess({
    repo: repoUrl, dataDir: join(dir, "data"),
    env: { CLOUDFLARE_BASE_URL: "http://127.0.0.1:9/client/v4", CLOUDFLARE_API_TOKEN: apiToken, CFGITOPS_ADMIN_TOKEN: adminToken },
  });
}, 60_000);

afterAll(async () => {
  await daemon?.stop();
  await new Promise((resolve) => gitHost?.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe("a daemon tracking a repository URL with a password", () => {
  it("names the repository in its banner without the password", () => {
    expect(daemon.stdout()).toContain(`cf-gitops daemon tracking main of https://deploy:[redacted]@127.0.0.1:`);
    expect(daemon.stdout()).not.toContain(password);
  });

  it("records the failed run without the password: history, /api/runs, the run, the page, the logs, the data directory", async () => {
    const runs = await waitFor(async () => {
      const body = (await (await fetch(`${daemon.url}/api/runs`)).json()) as { runs: { id: number; result: string; error?: string }[] };
      return body.runs.some((run) => run.result === "failure") ? body.runs : undefined;
    }, 60_000, "the first run to fail");
    const failed = runs.find((run) => run.result === "failure")!;
    expect(failed.error).toContain("could not fetch main from https://deploy:[redacted]@127.0.0.1:");
    const surfaces = await Promise.all(["/api/runs", `/api/runs/${failed.id}`, "/api/status", "/"].map(async (path) => (await fetch(`${daemon.url}${path}`)).text()));
    expect(surfaces[1]).toContain("[redacted]");
    for (const text of surfaces) expect(text).not.toContain(password);

    const stderr = daemon.stderr();
    expect(stderr).toContain('"msg":"git fetch failed"');
    expect(stderr).toMatch(/"result":"failure","msg":"run finished"/);
    expect(stderr).toContain("https://deploy:[redacted]@127.0.0.1:");
    for (const secret of [password, apiToken, adminToken]) expect(stderr).not.toContain(secret);

    const files = await allFiles(join(dir, "data"));
    expect(files.map((file) => file.path)).toContain(join(dir, "data", "history.sqlite"));
    for (const file of files) expect(file.text, file.path).not.toContain(password);
  });
});

describe("a CLI error", () => {
  it("is printed without the token or a password in CLOUDFLARE_BASE_URL", async () => {
    const token = "Ab3dEfGh1jKlMn0pQrStUvWxYz_0123456789-AB";
    const run = await runMain(["plan", "--engine", "native"], {
      cwd: repoRoot,
      env: { CLOUDFLARE_API_TOKEN: token, CLOUDFLARE_ACCOUNT_ID: "acc", CLOUDFLARE_BASE_URL: `http://user:${password}@127.0.0.1:9/client/v4`, PATH: process.env.PATH ?? "" },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error: could not reach the Cloudflare API");
    expect(run.stderr).toContain("http://user:[redacted]@127.0.0.1:9/client/v4");
    expect(run.stderr).not.toContain(password);
    expect(run.stderr).not.toContain(token);
  });
});
