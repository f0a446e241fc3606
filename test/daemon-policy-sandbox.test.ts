// Issue 22, the central fix and item 2, against a real daemon process with two stacks on two
// accounts. Committed custom policies run in a sandbox process of their own: a policy that reads
// /proc/<ppid>/environ, one that looks for a token in process.env (to smuggle it out base64-encoded
// in a violation message), one that calls the Cloudflare API with whatever token it can find, and
// one that loops forever each get a clear policy error; nothing is written to either account; the
// loop is stopped at the policy timeout, so the other stack's run goes ahead. And a run's process
// never holds another stack's token, even when its variable's name does not look secret.
import Cloudflare from "cloudflare";
import { readFile } from "node:fs/promises";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../src/emulator/index.ts";
import { createUpstream, sendPush, startDaemonProcess, waitFor, type DaemonProcess, type Upstream } from "./support/daemon-process.ts";
import { startTokenRouter, type TokenRouter } from "./support/token-router.ts";

const secret = "webhook-secret-for-sandbox-tests";
const adminToken = "admin-token-for-sandbox-tests";
const homeToken = "home-token-0123456789abcdef";
const workToken = "work-key-0123456789abcdef";
const policyTimeoutSeconds = 5;
const homeFile = `engine: native
desired_state:
  dir: desired-state
  include: ["zones/example.com.yaml", "services/*.yaml", "lists/*.yaml", "access/groups/*.yaml"]
tunnels:
  home-pi: {}
`;
// The work stack's token is in a variable whose name does not look like a secret's.
const workFile = `engine: native
api_token_env: CLOUDFLARE_WORK_KEY
desired_state:
  dir: desired-state
  include: ["zones/example.net.yaml"]
`;

const readEnviron = `import { readFileSync } from "node:fs";
import { definePolicy, noParams } from "cf-gitops/policy";
export const policy = definePolicy({
  id: "a-read-environ", description: "reads its parent's environment", level: "mandatory", paramsSchema: noParams,
  checkState(desired) {
    const text = readFileSync(\`/proc/\${process.ppid}/environ\`);
    return [{ resource: desired.zones[0]!.zone, message: text.toString("base64") }];
  },
});
`;
const envToken = `import { definePolicy, noParams } from "cf-gitops/policy";
export const policy = definePolicy({
  id: "b-env-token", description: "smuggles a token out of process.env", level: "mandatory", paramsSchema: noParams,
  checkState(desired) {
    const found = Object.entries(process.env).filter(([name]) => /TOKEN|KEY/.test(name));
    if (found.length === 0) throw new Error("no token in process.env");
    return found.map(([name, value]) => ({ resource: desired.zones[0]!.zone, message: name + " " + Buffer.from(String(value)).toString("base64") }));
  },
});
`;
function cloudflareCall(baseUrl: string): string {
  return `import { readFileSync } from "node:fs";
import { definePolicy, noParams } from "cf-gitops/policy";
function tokens(): string[] {
  const found = Object.values(process.env).filter((value): value is string => typeof value === "string" && value.length > 8);
  try {
    for (const entry of readFileSync(\`/proc/\${process.ppid}/environ\`, "utf8").split("\\0")) found.push(entry.slice(entry.indexOf("=") + 1));
  } catch {}
  return [...found, "e2e", "guessed-token"];
}
export const policy = definePolicy({
  id: "c-cloudflare-call", description: "deletes every record it can reach", level: "mandatory", paramsSchema: noParams,
  async checkState() {
    const base = process.env.CLOUDFLARE_BASE_URL ?? ${JSON.stringify(baseUrl)};
    for (const token of tokens()) {
      const headers = { authorization: "Bearer " + token };
      const zones = await fetch(base + "/zones", { headers });
      if (!zones.ok) continue;
      let deleted = 0;
      for (const zone of (await zones.json()).result) {
        const records = (await (await fetch(base + "/zones/" + zone.id + "/dns_records", { headers })).json()).result;
        for (const record of records) {
          await fetch(base + "/zones/" + zone.id + "/dns_records/" + record.id, { method: "DELETE", headers });
          deleted++;
        }
      }
      return [{ resource: "account", message: "deleted " + deleted + " records" }];
    }
    throw new Error("no Cloudflare token worked");
  },
});
`;
}
const loop = `import { definePolicy, noParams } from "cf-gitops/policy";
export const policy = definePolicy({
  id: "z-loop", description: "never returns", level: "mandatory", paramsSchema: noParams,
  checkState() {
    for (;;) {}
  },
});
`;

interface RunRow {
  id: number;
  stack: string;
  result: string;
  commit?: string;
  error?: string;
  startedAt: string;
  finishedAt?: string;
  diagnostics: Array<{ file: string; code: string; message: string }>;
}

let dir: string;
let home: RunningEmulator;
let work: RunningEmulator;
let router: TokenRouter;
let upstream: Upstream;
let daemon: DaemonProcess;

async function runs(query = ""): Promise<RunRow[]> {
  return ((await (await fetch(`${daemon.url}/api/runs?limit=100${query}`)).json()) as { runs: RunRow[] }).runs;
}

function finished(stack: string, commit: string, timeoutMs = 30_000): Promise<RunRow> {
  return waitFor(async () => (await runs(`&stack=${stack}`)).find((run) => run.commit === commit && run.result !== "running"), timeoutMs, `the run of ${stack} at ${commit.slice(0, 7)}`);
}

async function recordNames(emulator: RunningEmulator, token: string): Promise<string[]> {
  const cf = new Cloudflare({ apiToken: token, baseURL: emulator.baseUrl, maxRetries: 0 });
  const names: string[] = [];
  for (const zone of (await cf.zones.list()).result) {
    for await (const record of cf.dns.records.list({ zone_id: zone.id })) names.push(`${record.name} ${record.type}`);
  }
  return names.sort();
}

async function childrenOf(pid: number): Promise<number[]> {
  const text = await readFile(`/proc/${pid}/task/${pid}/children`, "utf8").catch(() => "");
  return text.trim().split(/\s+/).filter(Boolean).map(Number);
}

async function cmdline(pid: number): Promise<string> {
  return (await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "")).replaceAll("\0", " ");
}

async function environ(pid: number): Promise<string[]> {
  return (await readFile(`/proc/${pid}/environ`, "utf8").catch(() => "")).split("\0").filter(Boolean).map((entry) => entry.slice(0, entry.indexOf("=")));
}

/** While a run goes: the variables its process and its policy sandbox hold (names only). */
async function runProcessEnvironments(): Promise<{ run: string[]; sandbox: string[] | undefined }> {
  return waitFor(async () => {
    for (const child of await childrenOf(daemon.child.pid!)) {
      if (!(await cmdline(child)).includes("daemon-run-child")) continue;
      for (const grandchild of await childrenOf(child)) {
        if ((await cmdline(grandchild)).includes("sandbox-child")) return { run: await environ(child), sandbox: await environ(grandchild) };
      }
    }
    return undefined;
  }, 20_000, "a run process with its policy sandbox");
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cfg-daemon-sandbox-"));
  home = await startEmulator({ accountId: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", tokens: [homeToken], zones: ["example.com"] });
  work = await startEmulator({ accountId: "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", tokens: [workToken], zones: ["example.net"] });
  await new Cloudflare({ apiToken: homeToken, baseURL: home.baseUrl, maxRetries: 0 }).zeroTrust.tunnels.cloudflared.create({ account_id: home.accountId, name: "home-pi", config_src: "cloudflare" });
  router = await startTokenRouter({ [homeToken]: home.baseUrl, [workToken]: work.baseUrl });
  upstream = await createUpstream(dir, "", { stacks: { home: homeFile, work: workFile } });
  daemon = await startDaemonProcess({
    repo: upstream.bare, dataDir: join(dir, "data"), args: ["--policy-timeout", String(policyTimeoutSeconds)],
    env: {
      CLOUDFLARE_BASE_URL: router.baseUrl, CLOUDFLARE_API_TOKEN: homeToken, CLOUDFLARE_WORK_KEY: workToken,
      CFGITOPS_WEBHOOK_SECRET: secret, CFGITOPS_ADMIN_TOKEN: adminToken, GITHUB_TOKEN: "ghp_notARealTokenButShapedLikeOne0123456789",
    },
  });
  const head = (await upstream.git.revparse(["HEAD"])).trim();
  await Promise.all([finished("home", head, 60_000), finished("work", head, 60_000)]);
}, 120_000);

afterAll(async () => {
  await daemon?.stop();
  await router?.close();
  await home?.close();
  await work?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("committed custom policies in the sandbox", () => {
  it("give each hostile policy a clear error, write nothing, keep every secret out, and stop the loop at the policy timeout", async () => {
    const [homeStart, workStart] = await Promise.all([finished("home", (await upstream.git.revparse(["HEAD"])).trim()), finished("work", (await upstream.git.revparse(["HEAD"])).trim())]);
    expect([homeStart.result, workStart.result]).toEqual(["success", "success"]);
    const before = { home: await recordNames(home, homeToken), work: await recordNames(work, workToken), writes: home.auditLog().length + work.auditLog().length };
    const config = await upstream.read("policies/policy.yaml");
    const zone = await upstream.read("desired-state/zones/example.net.yaml");
    const pushedAt = Date.now();
    const sha = await upstream.commit({
      "policies/a-read-environ.ts": readEnviron,
      "policies/b-env-token.ts": envToken,
      "policies/c-cloudflare-call.ts": cloudflareCall(router.baseUrl),
      "policies/z-loop.ts": loop,
      "policies/policy.yaml": config.replace("policies:\n", "policies:\n  a-read-environ: { level: mandatory }\n  b-env-token: { level: mandatory }\n  c-cloudflare-call: { level: mandatory }\n  z-loop: { level: mandatory }\n"),
      "desired-state/zones/example.net.yaml": zone.replace("\ndns:\n", "\ndns:\n  - { name: would-be-written, type: A, content: 203.0.113.77 }\n"),
    }, "four hostile custom policies");
    expect((await sendPush(daemon.url, secret, { ref: "refs/heads/main", after: sha })).status).toBe(202);

    // Item 2 and the sandbox's environment, seen from the kernel while the first run is going.
    const seen = await runProcessEnvironments();
    expect(seen.run.filter((name) => name === "CLOUDFLARE_API_TOKEN" || name === "CLOUDFLARE_WORK_KEY")).toHaveLength(1);
    expect(seen.run.filter((name) => /ADMIN|WEBHOOK|GITHUB/.test(name))).toEqual([]);
    expect(seen.sandbox).toEqual([]);

    const bound = (2 * policyTimeoutSeconds + 40) * 1000;
    const [homeRun, workRun] = await Promise.all([finished("home", sha, bound), finished("work", sha, bound)]);
    const [first, second] = [homeRun, workRun].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
    // The loop held the first run for the policy timeout, not for ever; the second run followed it.
    expect(Date.parse(second!.startedAt) - Date.parse(first!.finishedAt!)).toBeLessThan(10_000);
    expect(Date.parse(second!.finishedAt!) - pushedAt).toBeLessThan(bound);

    for (const run of [homeRun, workRun]) {
      expect(run.result, JSON.stringify(run)).toBe("failure");
      expect(run.error).toContain("z-loop");
      expect(run.error).toContain(`${policyTimeoutSeconds} s`);
      const byPolicy = (id: string) => run.diagnostics.find((d) => d.message.includes(`policy ${id} `));
      expect(byPolicy("a-read-environ")).toMatchObject({ code: "policy-runtime-error", message: expect.stringMatching(/ERR_ACCESS_DENIED|Access to this API has been restricted/) });
      expect(byPolicy("b-env-token")).toMatchObject({ code: "policy-runtime-error", message: expect.stringContaining("no token in process.env") });
      expect(byPolicy("c-cloudflare-call")).toMatchObject({ code: "policy-runtime-error", message: expect.stringContaining("no Cloudflare token worked") });
      expect(byPolicy("z-loop")).toMatchObject({ code: "policy-timeout", file: "policies/policy.yaml" });
    }

    // Nothing was written to either account.
    expect(await recordNames(home, homeToken)).toEqual(before.home);
    expect(await recordNames(work, workToken)).toEqual(before.work);
    expect(home.auditLog().length + work.auditLog().length).toBe(before.writes);

    // No secret, plain or base64-encoded, in what the daemon serves or writes for anyone to read.
    const served = [
      JSON.stringify(await (await fetch(`${daemon.url}/api/runs/${homeRun.id}`)).json()),
      JSON.stringify(await (await fetch(`${daemon.url}/api/runs/${workRun.id}`)).json()),
      await (await fetch(`${daemon.url}/`)).text(),
      await readFile(join(dir, "data", "public", "index.html"), "utf8"),
    ].join("\n");
    for (const value of [homeToken, workToken, adminToken, secret]) {
      expect(served).not.toContain(value);
      // base64 inside a longer text: three alignments, each past the characters its neighbours share
      for (const pad of ["", "x", "xx"]) expect(served).not.toContain(Buffer.from(pad + value).toString("base64").slice(4, 16));
    }
  }, 120_000);
});
