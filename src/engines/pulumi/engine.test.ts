// The Pulumi engine through the real Automation API, with the fake `pulumi` (test/support/) in place of
// the CLI, which this machine lacks: what the engine asks the CLI for (refresh), how it reads the
// engine events it gets (typed fixtures), and how it stops the CLI. The real-CLI runs are
// conformance.test.ts and adapter.test.ts (in the pulumi-conformance workflow).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DesiredState, StackConfig } from "../../desired-state/types.ts";
import type { RunningEmulator } from "../../emulator/index.ts";
import type { ChangeOutcome, Plan } from "../../plan/types.ts";
import { AbortedError, CfGitopsError, ConfigError, EngineBusyError } from "../../shared/errors.ts";
import { createLogger, type Logger } from "../../shared/logger.ts";
import { emulatorWith, load, removeRepo, runOptions, sdk, tempRepo, token } from "../../../test/native-support.ts";
import type { Engine, RunOptions } from "../engine.ts";
import { createPulumiEngine, type PulumiEngineOptions } from "./index.ts";
import { bookkeeping, diagnostic, installFakeCli, outputs, pre, stepOf, summary, urnOf, type FakeCli } from "../../../test/support/fake-pulumi-cli.ts";

const types = {
  dns: "cloudflare:index/dnsRecord:DnsRecord",
  setting: "cloudflare:index/zoneSetting:ZoneSetting",
  ruleset: "cloudflare:index/ruleset:Ruleset",
  tunnel: "cloudflare:index/zeroTrustTunnelCloudflaredConfig:ZeroTrustTunnelCloudflaredConfig",
};
const www = (content: string) => ({ zoneId: "z1", name: "www.example.com", type: "CNAME", content, proxied: true, ttl: 1, tags: [] });
const ssl = (value: string) => ({ zoneId: "z1", settingId: "ssl", value });
const zoneFile = "zone: example.com\nsettings:\n  ssl: full\ndns:\n  - { name: www, type: CNAME, content: example.com, proxied: true }\n";

let fake: FakeCli;
let emulator: RunningEmulator;
let root: string;
let desired: DesiredState;
let stack: StackConfig;
let logLines: Record<string, unknown>[] = [];
const savedPath = process.env.PATH;

function capturingLogger(): Logger {
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n")) if (line.trim() !== "") logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return createLogger({ level: "debug", destination });
}

function engineWith(extra: Partial<PulumiEngineOptions> = {}, env: NodeJS.ProcessEnv = {}): Engine {
  return createPulumiEngine({
    dataDir: join(root, "data"),
    apiToken: token,
    baseUrl: emulator.baseUrl,
    log: capturingLogger(),
    cancelGraceMs: 400,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PULUMI_CONFIG_PASSPHRASE: "engine-test", ...env },
    ...extra,
  });
}

/** Run options whose log is captured (the engine logs a run's warnings to the run's logger). */
const run = (extra: Partial<RunOptions> = {}) => runOptions(stack, { log: capturingLogger(), ...extra });

const signature = (plan: Plan) => plan.changes.map((c) => `${c.op} ${c.kind} ${c.id} [${[...c.fields].sort().join(",")}]`);

beforeAll(async () => {
  fake = await installFakeCli();
  process.env.PATH = `${fake.bin}:${savedPath ?? ""}`;
  process.env.FAKE_PULUMI_DIR = fake.dir;
  emulator = await emulatorWith(["example.com"]);
  await sdk(emulator).zeroTrust.tunnels.cloudflared.create({ account_id: emulator.accountId, name: "home-pi", config_src: "cloudflare" });
  root = await tempRepo({ "stacks/default.yaml": "engine: pulumi\ntunnels:\n  home-pi: {}\n", "desired-state/zones/example.com.yaml": zoneFile });
  ({ desired, stack } = await load(root));
}, 60_000);

afterAll(async () => {
  process.env.PATH = savedPath;
  delete process.env.FAKE_PULUMI_DIR;
  await emulator.close();
  await removeRepo(root);
  await fake.remove();
});

beforeEach(() => {
  logLines = [];
});

const createWww = stepOf("create", types.dns, "example.com/dns/www/CNAME", { new: www("example.com") });
const createSsl = stepOf("create", types.setting, "example.com/settings/ssl", { new: ssl("full") });
const destruction = diagnostic("warning", "[WARNING] Resource Destruction Considerations: This resource cannot be destroyed from Terraform. If you create this resource, it will be present in the API until manually deleted.\n");

describe("the Pulumi engine over the Automation API (fake CLI)", () => {
  it("plan is a preview with --refresh; provider warnings go to the log, not the plan", async () => {
    await fake.script({ preview: [{ events: [...bookkeeping(), pre(createWww), pre(createSsl), destruction, summary({ create: 4 })] }] });
    const plan = await engineWith().plan(desired, run());
    expect(signature(plan)).toEqual(["update zone-settings example.com/settings/ssl [value]", "create dns-record example.com/dns/www/CNAME [content,name,proxied,tags,ttl,type]"]);
    expect(plan.warnings).toBeUndefined();
    expect(logLines).toContainEqual(expect.objectContaining({ msg: "pulumi warning", warning: expect.stringContaining("Resource Destruction Considerations") }));
    const previews = await fake.commands("preview");
    expect(previews).toHaveLength(1);
    expect(previews[0]).toContain("--refresh");
    expect(await fake.commands("up")).toEqual([]);
  });

  it("apply previews and updates with --refresh, and reports each outcome as its step finishes", async () => {
    await fake.script({
      preview: [{ events: [...bookkeeping(), pre(createWww), pre(createSsl), summary({ create: 4 })] }],
      up: [{ events: [...bookkeeping(), pre(createWww), outputs(createWww), pre(createSsl), outputs(createSsl), summary({ create: 4 })] }],
    });
    const early: ChangeOutcome[] = [];
    const approved: Plan[] = [];
    const result = await engineWith().apply(desired, run({ approve: async (plan) => approved.push(plan) > 0, onOutcome: (outcome) => early.push(outcome) }));
    expect(result.error).toBeUndefined();
    expect(result.status).toBe("applied");
    expect(approved).toHaveLength(1);
    expect(early.map((o) => `${o.status} ${o.op} ${o.id}`)).toEqual(["applied create example.com/dns/www/CNAME", "applied update example.com/settings/ssl"]);
    expect(result.outcomes).toEqual(expect.arrayContaining(early));
    const [preview] = await fake.commands("preview");
    const [up, ...more] = await fake.commands("up");
    expect(preview).toContain("--refresh");
    expect(up).toEqual(expect.arrayContaining(["--refresh", "--skip-preview", "--yes"]));
    expect(more).toEqual([]);
  });

  it("gates on Pulumi's change summary: bookkeeping alone runs nothing; a step the plan model cannot express still runs, shown generically", async () => {
    await fake.script({ preview: [{ events: [...bookkeeping(), pre(stepOf("same", types.dns, "example.com/dns/www/CNAME", { old: www("example.com"), new: www("example.com") })), summary({ create: 2, same: 1 })] }] });
    expect(await engineWith().apply(desired, run({ approve: async () => true }))).toMatchObject({ status: "no-changes", outcomes: [] });
    expect(await fake.commands("up")).toEqual([]);

    const config = (tunnelId: string) => ({ accountId: "a", tunnelId, config: { ingresses: [{ service: "http_status:404" }] } });
    const replace = stepOf("replace", types.tunnel, "tunnels/home-pi", { old: config("t-old"), new: config("t-new") }, { detailedDiff: { tunnelId: { diffKind: "update-replace" as never, inputDiff: true } } });
    await fake.script({
      preview: [{ events: [pre(stepOf("create-replacement", types.tunnel, "tunnels/home-pi", { old: config("t-old"), new: config("t-new") })), pre(replace), summary({ replace: 1, "create-replacement": 1, "delete-replaced": 1 } as never)] }],
      up: [{ events: [pre(replace), outputs(replace)] }],
    });
    const result = await engineWith().apply(desired, run({ approve: async () => true }));
    expect(signature(result.plan)).toEqual(["replace tunnel-service tunnels/home-pi [tunnel_id]"]);
    expect(result.status).toBe("applied");
    expect(await fake.commands("up")).toHaveLength(1);
  });

  it("Pulumi refusing an import is an error at plan time naming the resource, with the old and the new CLI's words", async () => {
    const importSsl = stepOf("import", types.setting, "example.com/settings/ssl", { new: ssl("full") });
    await fake.script({
      version: "3.150.0",
      preview: [{ events: [pre(importSsl), diagnostic("warning", "inputs to import do not match the existing resource: [value]; importing this resource will fail", urnOf(types.setting, "example.com/settings/ssl")), summary({ import: 1 })] }],
    });
    const old = engineWith().apply(desired, run({ approve: async () => true }));
    await expect(old).rejects.toBeInstanceOf(CfGitopsError);
    await expect(old).rejects.toThrow(/Pulumi would refuse to adopt example.com\/settings\/ssl in stack default: inputs to import do not match/);
    expect(await fake.commands("up")).toEqual([]);

    await fake.script({
      version: "3.180.0",
      preview: [{ events: [diagnostic("warning", 'previously-imported resources that still specify an ID may not be replaced; please remove the `import` declaration from your program;\nname: "default" => "cf-gitops"', urnOf(types.ruleset, "example.com/firewall")), summary({ import: 1 })] }],
    });
    await expect(engineWith().plan(desired, run())).rejects.toThrow(/refuse to adopt example.com\/firewall .*may not be replaced/);
  });

  it("a setting that leaves the YAML stops being managed: a note in the plan, and the state update needs no approval", async () => {
    const gone = stepOf("delete", types.setting, "example.com/settings/min_tls_version", { old: { zoneId: "z1", settingId: "min_tls_version", value: "1.2" } });
    await fake.script({ preview: [{ events: [pre(gone), destruction, summary({ delete: 1 })] }], up: [{ events: [pre(gone), outputs(gone), summary({ delete: 1 })] }] });
    const plan = await engineWith().plan(desired, run());
    expect(plan.changes).toEqual([]);
    expect(plan.warnings).toEqual([expect.stringMatching(/^example.com\/settings\/min_tls_version is no longer in the zone file: cf-gitops stops managing it/)]);
    let asked = false;
    const result = await engineWith().apply(desired, run({ approve: async () => (asked = true) }));
    expect(asked).toBe(false);
    expect(result.status).toBe("no-changes");
    expect(await fake.commands("up")).toHaveLength(1);
  });

  it("an existing object that differs is imported, then updated by a second `up` of the same apply", async () => {
    const client = sdk(emulator);
    const zoneId = (await client.zones.list({ name: "example.com" })).result[0]!.id;
    const live = await client.dns.records.create({ zone_id: zoneId, name: "www.example.com", type: "CNAME", content: "other.example.net", proxied: true, ttl: 1 });
    try {
      const imported = stepOf("import", types.dns, "example.com/dns/www/CNAME", { new: www("other.example.net") });
      const update = stepOf("update", types.dns, "example.com/dns/www/CNAME", { old: www("other.example.net"), new: www("example.com") });
      const first = { events: [pre(imported), pre(createSsl), summary({ import: 1, create: 1 })] };
      await fake.script({
        // the plan, its preview again right before `up`, then the second update's own preview
        preview: [first, first, { events: [pre(update), summary({ update: 1 })] }],
        up: [{ events: [pre(imported), outputs(imported), pre(createSsl), outputs(createSsl)] }, { events: [pre(update), outputs(update)] }],
      });
      const plan = await engineWith().plan(desired, run());
      // the native engine's plan: the import itself is bookkeeping, shown as the update it leads to
      expect(signature(plan)).toEqual(["update zone-settings example.com/settings/ssl [value]", "update dns-record example.com/dns/www/CNAME [content]"]);
      await fake.script({
        preview: [first, first, { events: [pre(update), summary({ update: 1 })] }],
        up: [{ events: [pre(imported), outputs(imported), pre(createSsl), outputs(createSsl)] }, { events: [pre(update), outputs(update)] }],
      });
      const early: string[] = [];
      const result = await engineWith().apply(desired, run({ approve: async () => true, onOutcome: (o) => early.push(`${o.op} ${o.id}`) }));
      expect(result.status).toBe("applied");
      expect(await fake.commands("up")).toHaveLength(2);
      expect(await fake.commands("preview")).toHaveLength(3);
      expect(early).toEqual(["import example.com/dns/www/CNAME", "update example.com/settings/ssl", "update example.com/dns/www/CNAME"]);

      // the second update is previewed first, and refused when it would do something else than approved
      const other = stepOf("update", types.dns, "example.com/dns/www/CNAME", { old: www("other.example.net"), new: { ...www("example.com"), proxied: false } });
      await fake.script({ preview: [first, first, { events: [pre(other), summary({ update: 1 })] }], up: [{ events: [pre(imported), outputs(imported), pre(createSsl), outputs(createSsl)] }] });
      const refused = await engineWith().apply(desired, run({ approve: async () => true }));
      expect(refused.status).toBe("failed");
      expect(refused.error).toMatch(/the update after adopting would not be the approved one .*update dns-record example.com\/dns\/www\/CNAME \[content,proxied\].*it was not run/);
      expect(await fake.commands("up")).toHaveLength(1);
      expect(refused.outcomes).toContainEqual({ id: "example.com/dns/www/CNAME", kind: "dns-record", op: "update", status: "skipped" });
    } finally {
      await client.dns.records.delete(live.id!, { zone_id: zoneId });
    }
  });

  it("apply FILE previews again and refuses when the saved plan no longer holds, even when nothing is left to do", async () => {
    await fake.script({ preview: [{ events: [...bookkeeping(), pre(createWww), summary({ create: 3 })] }], up: [{ events: [pre(createWww), outputs(createWww)] }] });
    const saved = await engineWith().plan(desired, run());
    const applied = await engineWith().applySaved(saved, desired, run({ approve: async () => true }));
    expect(applied.status).toBe("applied");
    await fake.script({ preview: [{ events: [summary({ same: 1 })] }] });
    await expect(engineWith().applySaved(saved, desired, run({ approve: async () => true }))).rejects.toThrow(/Cloudflare changed since the plan was made \(example.com\/dns\/www\/CNAME\)/);
    expect(await fake.commands("up")).toEqual([]);
  });

  it("refuses a local file backend under CI, naming PULUMI_BACKEND_URL, before starting the CLI", async () => {
    await fake.script({ preview: [{ events: [summary({})] }] });
    for (const env of [{ CI: "true" }, { GITHUB_ACTIONS: "true" }]) {
      const refused = engineWith({}, env).plan(desired, run());
      await expect(refused).rejects.toBeInstanceOf(ConfigError);
      await expect(refused).rejects.toThrow(/shared state backend under CI.*file:\/\//);
      await expect(engineWith({}, env).plan(desired, run())).rejects.toHaveProperty("hint", expect.stringContaining("PULUMI_BACKEND_URL"));
    }
    expect(await fake.calls()).toEqual([]);
    await expect(engineWith({}, { CI: "true", CFGITOPS_ALLOW_FILE_BACKEND: "1" }).plan(desired, run())).resolves.toMatchObject({ changes: [] });
    await expect(engineWith({}, { CI: "false" }).plan(desired, run())).resolves.toMatchObject({ changes: [] });
  });

  it("a token the provider would reject fails before the CLI starts, with what is wrong", async () => {
    await fake.script({});
    const refused = engineWith({ apiToken: "short-token" }).plan(desired, run()); // deliberately rejected
    await expect(refused).rejects.toBeInstanceOf(ConfigError);
    await expect(refused).rejects.toThrow(/11 characters long.*40 to 80 letters, digits, - or _/);
    expect(await fake.calls()).toEqual([]);
  });
});

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Running (a zombie waiting for init to reap it is not). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

describe("cancelling the Pulumi engine", () => {
  const changing = { events: [pre(createWww), summary({ create: 1 })] };

  it("SIGINT first; a CLI that does not stop is killed with its plugins, its lock removed, and stack.cancel never runs", async () => {
    await fake.script({ preview: [changing], up: [{ events: [], hang: "stubborn" }] });
    const controller = new AbortController();
    const engine = engineWith();
    const running = engine.apply(desired, run({ approve: async () => true, signal: controller.signal }));
    const hanging = await waitFor(async () => (await fake.calls()).find((call) => call.hanging), "the update to start");
    expect(existsSync(String((hanging as { lock?: string }).lock))).toBe(true);
    // one job per stack: a second run waits its turn instead of touching the stack
    await expect(engineWith().plan(desired, run())).rejects.toBeInstanceOf(EngineBusyError);
    controller.abort();
    await expect(running).rejects.toBeInstanceOf(AbortedError);
    const calls = await fake.calls();
    expect(calls.filter((call) => call.signal === "SIGINT")).toHaveLength(1);
    expect(alive(hanging.pid)).toBe(false);
    expect(alive(hanging.plugin!)).toBe(false);
    expect(existsSync(String((hanging as { lock?: string }).lock))).toBe(false);
    expect(calls.some((call) => call.args?.[0] === "cancel")).toBe(false);
    expect(logLines).toContainEqual(expect.objectContaining({ msg: "removed a stale pulumi lock left by a stopped CLI" }));
    // the stack is free again
    await fake.script({ preview: [{ events: [summary({})] }] });
    await expect(engine.plan(desired, run())).resolves.toMatchObject({ changes: [] });
  });

  it("a CLI that stops on SIGINT is never killed", async () => {
    await fake.script({ preview: [changing], up: [{ events: [], hang: "graceful" }] });
    const controller = new AbortController();
    const running = engineWith({ cancelGraceMs: 30_000 }).apply(desired, run({ approve: async () => true, signal: controller.signal }));
    const hanging = await waitFor(async () => (await fake.calls()).find((call) => call.hanging), "the update to start");
    const started = Date.now();
    controller.abort();
    await expect(running).rejects.toBeInstanceOf(AbortedError);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(alive(hanging.pid)).toBe(false);
    expect(logLines.some((line) => line.msg === "the pulumi CLI did not stop after SIGINT; killing it")).toBe(false);
  });
});
