// The shared engine conformance suite (Hono-style): the same scenarios, against the emulator,
// for every engine, expecting the same Plan (kind, id, op, sorted fields) for the same desired and
// live state. Each runner (native/conformance.test.ts, pulumi/conformance.test.ts) calls
// defineEngineConformance once.
//
// Adoption is the one place engines legitimately differ: when objects already exist in the account
// and match the desired state, the native engine (no state of its own) plans nothing, while the
// Pulumi engine plans `import` for each object (it must record them in its state). The suite
// therefore compares plans with imports removed, and checks separately that an engine that does
// report imports reports nothing else (never a create that would duplicate).
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Cloudflare } from "cloudflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDesiredState, loadStack } from "../desired-state/index.ts";
import type { DesiredState, StackConfig } from "../desired-state/types.ts";
import { startEmulator, type RunningEmulator } from "../emulator/index.ts";
import type { Change, Plan } from "../plan/types.ts";
import { silentLogger } from "../shared/logger.ts";
import type { Engine, RunOptions } from "./engine.ts";

export interface ConformanceTarget {
  baseUrl: string;
  apiToken: string;
  accountId: string;
  /** A fresh directory the engine may keep state in (Pulumi's file backend). */
  dataDir: string;
}

export interface ConformanceOptions {
  /** When set, the whole suite is skipped and this one line says why. */
  skipReason?: string;
  /** Per-test timeout; engines that shell out need more. */
  timeoutMs?: number;
}

const token = "conformance-token";

const stackFile = "engine: native\ntunnels:\n  home-pi: {}\n";

interface ZoneOptions {
  mxTtl?: number;
  withTxt?: boolean;
  wwwName?: string;
  reversed?: boolean;
}

function zoneFile(options: ZoneOptions = {}): string {
  const records = [
    `  - { name: "@", type: A, content: 203.0.113.10, proxied: true, comment: web front }`,
    `  - { name: ${options.wwwName ?? "www"}, type: CNAME, content: example.com, proxied: true }`,
    `  - { name: v6, type: AAAA, content: "2001:db8::1", ttl: 300 }`,
    `  - { name: "@", type: MX, content: mx1.example.net, priority: 10, ttl: ${options.mxTtl ?? 300} }`,
    ...(options.withTxt === false ? [] : [`  - { name: "@", type: TXT, content: "v=spf1 -all" }`]),
  ];
  if (options.reversed) records.reverse();
  return [
    "zone: example.com",
    "settings:",
    "  ssl: strict",
    '  min_tls_version: "1.2"',
    "dns:",
    ...records,
    "firewall:",
    `  - { ref: block-bots, description: Block bots, expression: '(http.user_agent contains "BadBot")', action: block }`,
    `  - { ref: challenge-admin, expression: '(http.request.uri.path contains "/admin")', action: managed_challenge }`,
    "",
  ].join("\n");
}

const serviceFile = "service: grafana\nhostname: grafana.example.com\norigin: http://localhost:3000\ntunnel: home-pi\n";

/** "op kind id fields" lines, sorted: what both engines must agree on. */
export function planSignature(changes: Change[]): string[] {
  return changes.map((c) => `${c.op} ${c.kind} ${c.id} [${[...c.fields].sort().join(",")}]`).sort();
}

/** The comparison used everywhere: imports are adoption bookkeeping, not differences (see above). */
function compared(plan: Plan): string[] {
  return planSignature(plan.changes.filter((change) => change.op !== "import"));
}

async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
}

async function load(root: string): Promise<{ desired: DesiredState; stack: StackConfig }> {
  const stacked = await loadStack(root);
  if (!stacked.stack) throw new Error(`stack: ${JSON.stringify(stacked.diagnostics)}`);
  const loaded = await loadDesiredState(join(root, stacked.stack.desired_state.dir), { root, stack: stacked.stack });
  const errors = loaded.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`desired state: ${JSON.stringify(errors)}`);
  return { desired: loaded.state, stack: stacked.stack };
}

interface World {
  emulator: RunningEmulator;
  root: string;
  dataDir: string;
  engine: Engine;
  client: Cloudflare;
  tunnelId: string;
}

async function createWorld(makeEngine: (target: ConformanceTarget) => Engine | Promise<Engine>): Promise<World> {
  const emulator = await startEmulator({ zones: ["example.com"] });
  const root = await mkdtemp(join(tmpdir(), "cf-gitops-conformance-"));
  const dataDir = join(root, ".cf-gitops");
  await writeFiles(root, { "stacks/default.yaml": stackFile, "desired-state/zones/example.com.yaml": zoneFile(), "desired-state/services/grafana.yaml": serviceFile });
  const client = new Cloudflare({ apiToken: token, baseURL: emulator.baseUrl, maxRetries: 0 });
  const tunnel = await client.zeroTrust.tunnels.cloudflared.create({ account_id: emulator.accountId, name: "home-pi", config_src: "cloudflare" });
  const engine = await makeEngine({ baseUrl: emulator.baseUrl, apiToken: token, accountId: emulator.accountId, dataDir });
  return { emulator, root, dataDir, engine, client, tunnelId: tunnel.id! };
}

async function destroyWorld(world: World | undefined): Promise<void> {
  if (!world) return;
  await world.emulator.close();
  await rm(world.root, { recursive: true, force: true });
}

function run(stack: StackConfig, extra: Partial<RunOptions> = {}): RunOptions {
  return { stack, log: silentLogger(), approve: async () => true, ...extra };
}

async function applyAll(world: World): Promise<void> {
  const { desired, stack } = await load(world.root);
  const result = await world.engine.apply(desired, run(stack));
  expect(result.error).toBeUndefined();
  expect(result.outcomes.filter((o) => o.status !== "applied")).toEqual([]);
}

async function plan(world: World): Promise<Plan> {
  const { desired, stack } = await load(world.root);
  return world.engine.plan(desired, run(stack));
}

const dnsFields = (...extra: string[]) => `[${["content", "name", "proxied", "tags", "ttl", "type", ...extra].sort().join(",")}]`;

export function defineEngineConformance(
  name: string,
  makeEngine: (target: ConformanceTarget) => Engine | Promise<Engine>,
  options: ConformanceOptions = {},
): void {
  if (options.skipReason) {
    // Only when the engine cannot run here at all (the pulumi runner without the pulumi CLI on PATH;
    // CFGITOPS_REQUIRE_PULUMI=1 turns that into a failure). The reason is printed, not hidden.
    console.log(`engine conformance (${name}) skipped: ${options.skipReason}`);
    describe.skip(`engine conformance: ${name}`, () => {
      it("is skipped", () => undefined);
    });
    return;
  }
  const timeout = options.timeoutMs ?? 30_000;

  describe(`engine conformance: ${name}`, () => {
    let world: World;
    beforeAll(async () => {
      world = await createWorld(makeEngine);
    }, timeout);
    afterAll(() => destroyWorld(world));

    it("create everything: every object is a create, with all its fields", async () => {
      const cname = `example.com/dns/grafana/CNAME/${world.tunnelId}.cfargotunnel.com`;
      expect(compared(await plan(world))).toEqual(
        [
          `create dns-record example.com/dns/@/A/203.0.113.10 ${dnsFields("comment")}`,
          `create dns-record example.com/dns/www/CNAME/example.com ${dnsFields()}`,
          `create dns-record example.com/dns/v6/AAAA/2001:db8::1 ${dnsFields()}`,
          `create dns-record example.com/dns/@/MX/mx1.example.net ${dnsFields("priority")}`,
          `create dns-record example.com/dns/@/TXT/v=spf1 -all ${dnsFields()}`,
          `create dns-record ${cname} ${dnsFields()}`,
          "create firewall-rule example.com/firewall/block-bots [action,description,enabled,expression,ref]",
          "create firewall-rule example.com/firewall/challenge-admin [action,enabled,expression,ref]",
          "create tunnel-service services/grafana [hostname,service,tunnel]",
          "update zone-settings example.com/settings/min_tls_version [value]",
          "update zone-settings example.com/settings/ssl [value]",
        ].sort(),
      );
      await applyAll(world);
    }, timeout);

    it("no-op: right after apply, nothing to change", async () => {
      expect(compared(await plan(world))).toEqual([]);
    }, timeout);

    it("update a field: a changed TTL is an update of ttl only", async () => {
      await writeFiles(world.root, { "desired-state/zones/example.com.yaml": zoneFile({ mxTtl: 3600 }) });
      expect(compared(await plan(world))).toEqual(["update dns-record example.com/dns/@/MX/mx1.example.net [ttl]"]);
      await applyAll(world);
    }, timeout);

    it("delete: a record removed from the file is deleted", async () => {
      await writeFiles(world.root, { "desired-state/zones/example.com.yaml": zoneFile({ mxTtl: 3600, withTxt: false }) });
      expect(compared(await plan(world))).toEqual([`delete dns-record example.com/dns/@/TXT/v=spf1 -all ${dnsFields()}`]);
      await applyAll(world);
    }, timeout);

    it("reorder: the same records in another order change nothing", async () => {
      await writeFiles(world.root, { "desired-state/zones/example.com.yaml": zoneFile({ mxTtl: 3600, withTxt: false, reversed: true }) });
      expect(compared(await plan(world))).toEqual([]);
    }, timeout);

    it("rename: a record's new name is a delete plus a create", async () => {
      await writeFiles(world.root, { "desired-state/zones/example.com.yaml": zoneFile({ mxTtl: 3600, withTxt: false, wwwName: "web" }) });
      expect(compared(await plan(world))).toEqual([
        `create dns-record example.com/dns/web/CNAME/example.com ${dnsFields()}`,
        `delete dns-record example.com/dns/www/CNAME/example.com ${dnsFields()}`,
      ]);
      await applyAll(world);
    }, timeout);

    it("drift: a hand edit through the SDK is reported with before = live and after = desired", async () => {
      const zone = (await world.client.zones.list({ name: "example.com" })).result[0]!;
      const records = (await world.client.dns.records.list({ zone_id: zone.id, per_page: 100 })).result;
      const v6 = records.find((record) => record.type === "AAAA")!;
      await world.client.dns.records.edit(v6.id, { zone_id: zone.id, ttl: 600 } as never);
      await world.client.zones.settings.edit("ssl", { zone_id: zone.id, value: "flexible" } as never);
      const { desired, stack } = await load(world.root);
      const drift = await world.engine.drift(desired, run(stack));
      expect(compared(drift)).toEqual(["update dns-record example.com/dns/v6/AAAA/2001:db8::1 [ttl]", "update zone-settings example.com/settings/ssl [value]"]);
      const v6Change = drift.changes.find((change) => change.kind === "dns-record")!;
      expect(v6Change.before).toMatchObject({ ttl: 600 });
      expect(v6Change.after).toMatchObject({ ttl: 300 });
      await applyAll(world);
      expect(compared(await world.engine.drift(desired, run(stack)))).toEqual([]);
    }, timeout);
  });

  describe(`engine conformance: ${name}: adoption`, () => {
    let source: World;
    let adopter: Engine;
    beforeAll(async () => {
      source = await createWorld(makeEngine);
      await applyAll(source); // the account now holds every object; a fresh engine state knows none of them
      adopter = await makeEngine({ baseUrl: source.emulator.baseUrl, apiToken: token, accountId: source.emulator.accountId, dataDir: join(source.root, "fresh-state") });
    }, timeout * 2);
    afterAll(() => destroyWorld(source));

    it("objects that exist and match are adopted: no create, no update, only imports (or nothing)", async () => {
      const { desired, stack } = await load(source.root);
      const planned = await adopter.plan(desired, run(stack));
      expect(compared(planned)).toEqual([]);
      expect(planned.changes.every((change) => change.op === "import")).toBe(true);
      const result = await adopter.apply(desired, run(stack));
      expect(result.error).toBeUndefined();
      expect(compared(await adopter.plan(desired, run(stack)))).toEqual([]);
      expect((await adopter.plan(desired, run(stack))).changes).toEqual([]);
    }, timeout * 2);
  });
}
