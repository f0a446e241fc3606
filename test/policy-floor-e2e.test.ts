// Issue 11 item 9: a policy floor outside the repository. One commit that switches max-deletions and
// protected-records off and empties a zone used to apply; under the floor it is blocked: in
// `policy`, `plan` and `apply` (--policy-floor or CFGITOPS_POLICY_FLOOR), and in a real daemon
// process (--policy-floor), whose history, API and page show what the floor decided.
import Cloudflare from "cloudflare";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../src/emulator/index.ts";
import { emulatorWith, removeRepo, runMain, sdk, tempRepo, writeFiles } from "./native-support.ts";
import { createUpstream, startDaemonProcess, waitFor, type DaemonProcess, type Upstream } from "./support/daemon-process.ts";

const floorYaml = `# the host's minimum, outside the repository
policies:
  max-deletions:
    level: mandatory
    params: { min_deletions: 1 }
  protected-records: { level: mandatory }
`;
const disabling = `policies:
  max-deletions: { level: disabled, params: { min_deletions: 100 } }
  protected-records: { level: disabled }
`;

let dir: string;
let floor: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cfg-floor-e2e-"));
  floor = join(dir, "etc", "policy-floor.yaml");
  await mkdir(join(dir, "etc"));
  await writeFile(floor, floorYaml);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the CLI under a policy floor", () => {
  let emulator: RunningEmulator;
  let root: string;
  const records = [
    '{ name: "@", type: A, content: 203.0.113.1, proxied: true }',
    "{ name: www, type: CNAME, content: example.com, proxied: true }",
    "{ name: api, type: A, content: 203.0.113.2, proxied: true }",
  ];

  beforeAll(async () => {
    emulator = await emulatorWith(["example.com"]);
    root = await tempRepo({ "stacks/default.yaml": "engine: native\n", "desired-state/zones/example.com.yaml": `zone: example.com\ndns:\n${records.map((r) => `  - ${r}\n`).join("")}` });
    expect((await runMain(["apply", "--yes"], { cwd: root, emulator })).code).toBe(0);
    await writeFiles(root, { "policies/policy.yaml": disabling, "desired-state/zones/example.com.yaml": "zone: example.com\ndns: []\n" });
  });

  afterAll(async () => {
    await emulator.close();
    await removeRepo(root);
  });

  async function liveCount(): Promise<number> {
    const client = sdk(emulator);
    const zoneId = (await client.zones.list({ name: "example.com" })).result[0]!.id;
    return (await client.dns.records.list({ zone_id: zoneId })).result.length;
  }

  it("plan: the commit passes without a floor, and is blocked with --policy-floor", async () => {
    const loose = await runMain(["plan"], { cwd: root, emulator });
    expect(loose.code).toBe(0);
    expect(loose.stdout).toContain("3 to delete");
    const floored = await runMain(["plan", "--policy-floor", floor], { cwd: root, emulator });
    expect(floored.code).toBe(1);
    expect(floored.stderr).toContain("error: a mandatory policy failed; apply would refuse this plan");
    expect(floored.stdout).toMatch(/error \[max-deletions\] plan deletes 3 of 3/);
    expect(floored.stdout).toContain("warning [policy-floor-loosening-refused] policies.max-deletions.level: disabled is looser than the policy floor's mandatory");
  });

  it("apply with CFGITOPS_POLICY_FLOOR: blocked before any write", async () => {
    const applied = await runMain(["apply", "--yes"], { cwd: root, emulator, env: { CFGITOPS_POLICY_FLOOR: floor } });
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain("error: a mandatory policy failed; nothing was applied");
    expect(await liveCount()).toBe(3);
  });

  it("policy: text, json and markdown show the floor, what it decided, and the refused loosenings with file:line", async () => {
    const text = await runMain(["policy", "--policy-floor", floor], { cwd: root });
    expect(text.stdout).toContain(`policies/policy.yaml:2:27: warning [policy-floor-loosening-refused] policies.max-deletions.level: disabled is looser than the policy floor's mandatory (${floor}:4); mandatory applies`);
    expect(text.stdout).toContain(`policies/policy.yaml:2:62: warning [policy-floor-loosening-refused] policies.max-deletions.params.min_deletions: 100 is looser than the policy floor's 1 (${floor}:5); 1 applies`);
    expect(text.stdout).toContain(`policy floor ${floor}: covers 2 policies; from the floor: max-deletions (level, min_deletions), protected-records (level)`);

    const json = JSON.parse((await runMain(["policy", "--format", "json"], { cwd: root, env: { CFGITOPS_POLICY_FLOOR: floor } })).stdout) as {
      floor: { file: string };
      results: { id: string; level: string; floor?: { level?: string; params?: unknown; applied: string[]; refused?: string[] } }[];
    };
    expect(json.floor).toEqual({ file: floor });
    expect(json.results.find((r) => r.id === "max-deletions")).toMatchObject({
      level: "mandatory",
      floor: { level: "mandatory", params: { min_deletions: 1 }, applied: ["level", "params.min_deletions"], refused: [expect.stringMatching(/^policies\/policy\.yaml:2: /), expect.stringMatching(/^policies\/policy\.yaml:2: /)] },
    });
    expect(json.results.find((r) => r.id === "ttl-bounds")?.floor).toBeUndefined();

    const markdown = (await runMain(["policy", "--format", "markdown", "--policy-floor", floor], { cwd: root })).stdout;
    expect(markdown).toContain(`Policy floor: \`${floor}\``);
    expect(markdown).toContain("| `max-deletions` | mandatory ⬆️ floor: level, min_deletions |");
  });
});

describe("a daemon with --policy-floor", () => {
  let emulator: RunningEmulator;
  let upstream: Upstream;
  let daemon: DaemonProcess;
  const adminToken = "admin-token-for-the-floor";

  beforeAll(async () => {
    emulator = await startEmulator({ zones: ["example.com", "example.net"] });
    const cf = new Cloudflare({ apiToken: "e2e", baseURL: emulator.baseUrl, maxRetries: 0 });
    await cf.zeroTrust.tunnels.cloudflared.create({ account_id: emulator.accountId, name: "home-pi", config_src: "cloudflare" });
    upstream = await createUpstream(join(dir, "daemon"));
    daemon = await startDaemonProcess({
      repo: upstream.bare, dataDir: join(dir, "daemon", "data"), args: ["--policy-floor", floor],
      env: { CLOUDFLARE_BASE_URL: emulator.baseUrl, CLOUDFLARE_API_TOKEN: "e2e", CFGITOPS_ADMIN_TOKEN: adminToken },
    });
  }, 60_000);

  afterAll(async () => {
    await daemon?.stop();
    await emulator?.close();
  });

  interface RunRow {
    id: number;
    result: string;
    commit?: string;
    error?: string;
  }

  async function finishedRun(commit: string): Promise<RunRow> {
    return waitFor(async () => {
      const { runs } = (await (await fetch(`${daemon.url}/api/runs?limit=20`)).json()) as { runs: RunRow[] };
      return runs.find((run) => run.commit === commit && run.result !== "running");
    }, 60_000, `the run of ${commit}`);
  }

  it("blocks the commit that disables the safety policies and empties a zone, and shows the floor in history, the API and the page", async () => {
    const head = (await upstream.git.revparse(["HEAD"])).trim();
    expect((await finishedRun(head)).result).toBe("success");
    const cf = new Cloudflare({ apiToken: "e2e", baseURL: emulator.baseUrl, maxRetries: 0 });
    const zoneId = (await cf.zones.list({ name: "example.net" })).result[0]!.id;
    const before = (await cf.dns.records.list({ zone_id: zoneId })).result.length;
    expect(before).toBeGreaterThan(5);

    const commit = await upstream.commit({ "policies/policy.yaml": disabling, "desired-state/zones/example.net.yaml": "zone: example.net\ndns: []\n" }, "switch the guards off and empty example.net");
    await fetch(`${daemon.url}/api/reconcile`, { method: "POST", headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" }, body: '{"kind":"apply"}' });
    const run = await finishedRun(commit);
    expect(run.result).toBe("blocked");
    expect(run.error).toMatch(/blocked by mandatory policy .*max-deletions/);
    expect((await cf.dns.records.list({ zone_id: zoneId })).result.length).toBe(before);

    const details = (await (await fetch(`${daemon.url}/api/runs/${run.id}`)).json()) as { policy: { policy: string; level: string; floor?: { applied: string[]; refused?: string[] } }[] };
    expect(details.policy.find((p) => p.policy === "max-deletions")).toMatchObject({ level: "mandatory", floor: { applied: ["level", "params.min_deletions"] } });
    expect(details.policy.find((p) => p.policy === "protected-records")?.floor?.refused).toEqual([expect.stringContaining("policies/policy.yaml:3: policies.protected-records.level: disabled is looser")]);

    const page = await waitFor(async () => {
      const text = await (await fetch(`${daemon.url}/`)).text();
      return text.includes(`From run #${run.id}`) ? text : undefined;
    }, 20_000, "the page to show the blocked run");
    expect(page).toContain("(floor: at least mandatory)");
    expect(page).toContain("from the policy floor: level, min_deletions");
    expect(page).toContain("refused: policies/policy.yaml:2: policies.max-deletions.level: disabled is looser than the policy floor");
  }, 120_000);

  it("refuses to start when the floor it is given cannot be read", async () => {
    const failure = await startDaemonProcess({ repo: upstream.bare, dataDir: join(dir, "daemon", "other"), args: ["--policy-floor", join(dir, "etc", "missing.yaml")], env: { CLOUDFLARE_API_TOKEN: "e2e" } }).then(
      async (started) => {
        await started.stop();
        return "started";
      },
      (error: unknown) => (error as Error).message,
    );
    expect(failure).toContain(`error: cannot read the policy floor ${join(dir, "etc", "missing.yaml")}: ENOENT`);
  });
});
