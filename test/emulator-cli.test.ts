// `cf-gitops emulator` as a real process: prints its base URL, serves the SDK, saves --state,
// stops cleanly on SIGTERM, and explains bad flags without a stack trace.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import Cloudflare from "cloudflare";
import { afterEach, expect, it } from "vitest";

const node = "node_modules/.bin/node";
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

function startCli(args: string[]): Promise<{ child: ChildProcess; baseUrl: string; stderr: () => string }> {
  const child = spawn(node, ["bin/cf-gitops.js", "emulator", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", (line) => resolve({ child, baseUrl: line.trim(), stderr: () => stderr }));
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code} before printing its URL: ${stderr}`)));
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(node, ["bin/cf-gitops.js", "emulator", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
}

it("serves the SDK on the printed URL, persists --state across a SIGTERM restart", async () => {
  const dir = await mkdtemp(join(tmpdir(), "cf-emulator-cli-"));
  dirs.push(dir);
  const state = join(dir, "state.json");
  const first = await startCli(["--port", "0", "--zone", "example.com", "--state", state, "--token", "tok", "--account-id", "00112233445566778899aabbccddeeff"]);
  expect(first.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/client\/v4$/);
  const client = new Cloudflare({ apiToken: "tok", baseURL: first.baseUrl, maxRetries: 0 });
  const zone = (await client.zones.list({ name: "example.com" })).result[0]!;
  expect(zone.account.id).toBe("00112233445566778899aabbccddeeff");
  await client.dns.records.create({ zone_id: zone.id, name: "www", type: "A", content: "192.0.2.1", ttl: 1 });
  const stranger = new Cloudflare({ apiToken: "other", baseURL: first.baseUrl, maxRetries: 0 });
  await expect(stranger.zones.list()).rejects.toBeInstanceOf(Cloudflare.PermissionDeniedError);

  first.child.kill("SIGTERM");
  expect(await exited(first.child)).toBe(0);
  expect(first.stderr()).toContain("stopped");
  const saved = JSON.parse(await readFile(state, "utf8")) as { records: Record<string, unknown[]> };
  expect(saved.records[zone.id]).toHaveLength(1);

  const second = await startCli(["--port", "0", "--state", state]);
  const again = new Cloudflare({ apiToken: "any", baseURL: second.baseUrl, maxRetries: 0 });
  const records = (await again.dns.records.list({ zone_id: zone.id })).result;
  expect(records.map((r) => `${r.name} ${r.content}`)).toEqual(["www.example.com 192.0.2.1"]);
  second.child.kill("SIGINT");
  expect(await exited(second.child)).toBe(0);
});

it("prints help", async () => {
  const result = await runCli(["--help"]);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain("Usage: cf-gitops emulator [--port 8787] [--state FILE]");
  expect(result.stdout).toContain("/__emulator/faults");
});

it("explains a bad flag value without a stack trace and starts nothing", async () => {
  const result = await runCli(["--port", "eighty"]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('--port must be a number from 0 to 65535; got "eighty"');
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stdout).toBe("");
  const badAccount = await runCli(["--account-id", "xyz"]);
  expect(badAccount.code).toBe(1);
  expect(badAccount.stderr).toContain("--account-id must be 32 lower-case hex characters");
});

it("reports a corrupt state file by name", async () => {
  const dir = await mkdtemp(join(tmpdir(), "cf-emulator-cli-"));
  dirs.push(dir);
  const state = join(dir, "state.json");
  await writeFile(state, "garbage");
  const result = await runCli(["--port", "0", "--state", state]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`emulator state file ${state} is not valid JSON`);
  expect(await readFile(state, "utf8")).toBe("garbage");
});

it("names the actor of each token given with --user (and --dashboard-user) in the audit log", async () => {
  const started = await startCli(["--port", "0", "--zone", "example.com", "--user", "alice-token=alice@example.com", "--dashboard-user", "bob-token=bob@example.com"]);
  const alice = new Cloudflare({ apiToken: "alice-token", baseURL: started.baseUrl, maxRetries: 0 });
  const bob = new Cloudflare({ apiToken: "bob-token", baseURL: started.baseUrl, maxRetries: 0 });
  const zone = (await alice.zones.list({ name: "example.com" })).result[0]!;
  await alice.dns.records.create({ zone_id: zone.id, name: "www", type: "A", content: "192.0.2.1", ttl: 1 });
  await bob.dns.records.create({ zone_id: zone.id, name: "api", type: "A", content: "192.0.2.2", ttl: 1 });
  await new Cloudflare({ apiToken: "carol-token", baseURL: started.baseUrl, maxRetries: 0 }).dns.records.create({ zone_id: zone.id, name: "ftp", type: "A", content: "192.0.2.3", ttl: 1 });
  const since = new Date(Date.now() - 60_000).toISOString();
  const before = new Date(Date.now() + 60_000).toISOString();
  const entries = (await alice.accounts.logs.audit.list({ account_id: zone.account.id!, since, before, direction: "asc" })).result;
  expect(entries.map((e) => [e.actor?.email, e.actor?.context])).toEqual([
    ["alice@example.com", "api_token"],
    ["bob@example.com", "dash"],
    ["api-token@emulator", "api_token"],
  ]);
  started.child.kill("SIGTERM");
  expect(await exited(started.child)).toBe(0);
});

it("explains a malformed --user and starts nothing", async () => {
  const result = await runCli(["--port", "0", "--user", "alice@example.com"]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('--user must look like TOKEN=EMAIL; got "alice@example.com"');
  expect(result.stdout).toBe("");
  const help = await runCli(["--help"]);
  expect(help.stdout).toContain("--user TOKEN=EMAIL");
  expect(help.stdout).toContain("cf-emulator-via: dashboard");
});
