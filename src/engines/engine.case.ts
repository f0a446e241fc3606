// The shared engine conformance suite (Hono-style): the same scenarios, against the emulator, for
// every engine, expecting the same Plan (kind, id, op, sorted fields) in the same order for the
// same desired and live state. Every registered kind contributes its scenario
// (src/kinds/<kind>/conformance.ts): create, update, delete, drift and the restore after it. Each
// runner (native/conformance.test.ts, pulumi/conformance.test.ts) calls defineEngineConformance once.
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
import type { ConformanceApi, KindScenario, ScenarioStep } from "../kinds/conformance.ts";
import { kinds } from "../kinds/registry.ts";
import { expandDesired } from "../plan/expand.ts";
import { sortChanges } from "../plan/order.ts";
import { planFingerprint } from "../plan/fingerprint.ts";
import type { Change, Plan } from "../plan/types.ts";
import { silentLogger } from "../shared/logger.ts";
import { ApprovedPlanChangedError } from "./approved-plan.ts";
import type { Engine, RunOptions } from "./engine.ts";
import { nativeAdapters } from "./native/adapters.ts";
import { nativeContext, resolveNames } from "./native/planner.ts";

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

/** In the shape the Pulumi provider accepts (src/engines/pulumi/token.ts), or every preview fails. */
export const conformanceToken = "cfgitops-conformance-token-0123456789abc";
const token = conformanceToken;

const stackFile = "engine: native\ntunnels:\n  home-pi: {}\n";

type StepName = "create" | "update" | "remove";

/** Every kind's scenario, in registry order. */
async function scenarios(): Promise<KindScenario[]> {
  return Promise.all(kinds.map(async (kind) => ((await kind.modules.conformance()) as { scenario: KindScenario }).scenario));
}

/** "op kind id fields" lines: what both engines must agree on. */
export function planSignature(changes: Change[]): string[] {
  return changes.map((c) => `${c.op} ${c.kind} ${c.id} [${[...c.fields].sort().join(",")}]`);
}

/** Imports are adoption bookkeeping, not differences (see above). */
function compared(plan: Plan): Change[] {
  return plan.changes.filter((change) => change.op !== "import");
}

async function writeFiles(root: string, files: Record<string, string | null>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    if (text === null) await rm(join(root, path), { force: true });
    else {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), text);
    }
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
  engine: Engine;
  client: Cloudflare;
  api: ConformanceApi;
  scenarios: KindScenario[];
}

/** The step's files of every kind: one zone file (each kind's lines) and each kind's own files. */
async function writeStep(world: World, step: StepName): Promise<void> {
  const steps: ScenarioStep[] = world.scenarios.map((scenario) => scenario[step]);
  const zone = ["zone: example.com", ...steps.flatMap((s) => s.zone ?? []), ""].join("\n");
  await writeFiles(world.root, { "desired-state/zones/example.com.yaml": zone, ...Object.assign({}, ...steps.map((s) => s.files ?? {})) });
}

function expected(world: World, lines: string[][]): string[] {
  return lines.flat().map((line) => line.replaceAll("{tunnel}", world.api.tunnelId)).sort();
}

async function createWorld(makeEngine: (target: ConformanceTarget) => Engine | Promise<Engine>): Promise<World> {
  // example.net has no file in the scenarios: "what stops being managed" uses it alone
  const emulator = await startEmulator({ zones: ["example.com", "example.net"] });
  const root = await mkdtemp(join(tmpdir(), "cf-gitops-conformance-"));
  await writeFiles(root, { "stacks/default.yaml": stackFile });
  const client = new Cloudflare({ apiToken: token, baseURL: emulator.baseUrl, maxRetries: 0 });
  const tunnel = await client.zeroTrust.tunnels.cloudflared.create({ account_id: emulator.accountId, name: "home-pi", config_src: "cloudflare" });
  const zoneId = (await client.zones.list({ name: "example.com" })).result[0]!.id;
  const api: ConformanceApi = {
    zoneId,
    accountId: emulator.accountId,
    tunnelId: tunnel.id!,
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${emulator.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const envelope = (await response.json()) as { success: boolean; result: T; errors: unknown[] };
      if (!envelope.success) throw new Error(`${method} ${path}: ${JSON.stringify(envelope.errors)}`);
      return envelope.result;
    },
  };
  const engine = await makeEngine({ baseUrl: emulator.baseUrl, apiToken: token, accountId: emulator.accountId, dataDir: join(root, ".cf-gitops") });
  const world: World = { emulator, root, engine, client, api, scenarios: await scenarios() };
  await writeStep(world, "create");
  return world;
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

/** The plan's changes must already be in the one order both engines use (src/plan/order.ts). */
async function expectCanonicalOrder(world: World, changes: Change[]): Promise<void> {
  const { desired, stack } = await load(world.root);
  const native = nativeContext(world.client, run(stack), world.api.accountId);
  const resolved = await resolveNames(await nativeAdapters(), desired, native);
  const desiredResources = expandDesired(desired, { resolved, zoneNames: ["example.com"] }).resources;
  expect(planSignature(changes)).toEqual(planSignature(sortChanges(changes, desiredResources)));
}

async function planStep(world: World): Promise<Change[]> {
  const { desired, stack } = await load(world.root);
  const changes = compared(await world.engine.plan(desired, run(stack)));
  await expectCanonicalOrder(world, changes);
  return changes;
}

export function defineEngineConformance(
  name: string,
  makeEngine: (target: ConformanceTarget) => Engine | Promise<Engine>,
  options: ConformanceOptions = {},
): void {
  if (options.skipReason) {
    // Only when the engine cannot run here at all (the pulumi runner without the pulumi CLI on PATH;
    // CFGITOPS_REQUIRE_PULUMI=1 turns that into a failure). The reason is printed, not hidden.
    console.log(`engine conformance (${name}) skipped: ${options.skipReason}`);
    describe.skip(`engine conformance: ${name} (skipped: ${options.skipReason})`, () => {
      it(`needs: ${options.skipReason}`, () => undefined);
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

    for (const step of ["create", "update", "remove"] as const) {
      it(`${step}: every kind's changes, in the shared order, then nothing left to do`, async () => {
        if (step !== "create") await writeStep(world, step);
        const changes = await planStep(world);
        expect([...planSignature(changes)].sort()).toEqual(expected(world, world.scenarios.map((scenario) => scenario[step].expect)));
        await applyAll(world);
        expect(planSignature(await planStep(world))).toEqual([]);
      }, timeout);
    }

    it("drift: edits through the API are reported with before = live and after = git; apply restores them", async () => {
      for (const scenario of world.scenarios) await scenario.drift.edit(world.api);
      const { desired, stack } = await load(world.root);
      const drift = compared(await world.engine.drift(desired, run(stack)));
      await expectCanonicalOrder(world, drift);
      expect([...planSignature(drift)].sort()).toEqual(expected(world, world.scenarios.map((scenario) => scenario.drift.expect)));
      for (const change of drift) {
        for (const field of change.fields) {
          const side = (value: unknown) => JSON.stringify((value as Record<string, unknown> | undefined)?.[field]);
          expect(side(change.before), `${change.id} ${field}`).not.toBe(side(change.after));
        }
      }
      for (const scenario of world.scenarios) scenario.drift.check?.(drift);
      await applyAll(world);
      expect(planSignature(compared(await world.engine.drift(desired, run(stack))))).toEqual([]);
    }, timeout);

    // The provider's delete of a tunnel configuration is a no-op: the ingress would keep routing.
    it("removing a tunnel's last service stops its routing: the configuration keeps only the catch-all", async () => {
      const before = await load(world.root);
      const removed = before.desired.services.map((service) => service.file);
      await writeFiles(world.root, Object.fromEntries(removed.map((file) => [file, null])));
      const changes = await planStep(world);
      const gone = before.desired.services.map((service) => `delete tunnel-service services/${service.hostname} [hostname,service,tunnel]`);
      expect(planSignature(changes).filter((line) => line.includes(" tunnel-service ")).sort()).toEqual(gone.sort());
      await applyAll(world);
      const path = `/accounts/${world.api.accountId}/cfd_tunnel/${world.api.tunnelId}/configurations`;
      const live = await world.api.request<{ config: { ingress: Record<string, unknown>[] } }>("GET", path);
      expect(live.config.ingress).toHaveLength(1);
      expect(live.config.ingress[0]).toMatchObject({ service: "http_status:404" });
      expect(live.config.ingress[0]!.hostname ?? "").toBe("");
      expect(planSignature(await planStep(world))).toEqual([]);
    }, timeout);
  });

  // Issue 27 item 2: one meaning for both engines. Removing `dns:` or a phase key, moving a record
  // under `ignore:`, or removing the whole zone file means cf-gitops stops managing those objects:
  // they stay in Cloudflare as they are (the Pulumi engine drops them from its state, with a note).
  describe(`engine conformance: ${name}: what stops being managed`, () => {
    let world: World;
    let zoneId: string;
    const file = "desired-state/zones/example.net.yaml";
    const zone = (lines: string[]) => ["zone: example.net", ...lines, ""].join("\n");
    const owned = [
      "dns:",
      "  - { name: keep, type: A, content: 192.0.2.1 }",
      "  - { name: later-ignored, type: A, content: 192.0.2.2 }",
      "firewall:",
      `  - { ref: block-bots, expression: '(http.user_agent contains "BadBot")', action: block }`,
    ];
    const live = async () => {
      const records = await world.api.request<{ name: string; type: string }[]>("GET", `/zones/${zoneId}/dns_records?per_page=100`);
      const firewall = await world.api.request<{ rules?: { ref?: string }[] }>("GET", `/zones/${zoneId}/rulesets/phases/http_request_firewall_custom/entrypoint`);
      return { records: records.map((r) => `${r.type} ${r.name}`).sort(), rules: (firewall.rules ?? []).map((rule) => rule.ref) };
    };

    beforeAll(async () => {
      world = await createWorld(makeEngine);
      zoneId = (await world.client.zones.list({ name: "example.net" })).result[0]!.id;
      await writeFiles(world.root, { [file]: zone(owned) });
      await applyAll(world);
    }, timeout * 2);
    afterAll(() => destroyWorld(world));

    it("a record moved under ignore: and a removed phase key: no change planned, nothing deleted; Pulumi says what it stops managing", async () => {
      const before = await live();
      expect(before.records).toEqual(["A keep.example.net", "A later-ignored.example.net"]);
      expect(before.rules).toEqual(["block-bots"]);
      await writeFiles(world.root, { [file]: zone([owned[0]!, owned[1]!, "ignore:", "  - { name: later-ignored }"]) });
      const { desired, stack } = await load(world.root);
      const planned = await world.engine.plan(desired, run(stack));
      expect(planSignature(compared(planned))).toEqual([]);
      if (world.engine.name === "pulumi") {
        expect(planned.warnings ?? []).toEqual(expect.arrayContaining([expect.stringMatching(/^example.net\/dns\/later-ignored\/A stops being managed/), expect.stringMatching(/^example.net\/firewall stops being managed/)]));
      }
      await applyAll(world);
      expect(await live()).toEqual(before);
      expect(planSignature(await planStep(world))).toEqual([]);
    }, timeout);

    it("the whole zone file removed: nothing deleted; restored, the objects are managed again without a create or a delete", async () => {
      const before = await live();
      await writeFiles(world.root, { [file]: null });
      expect(planSignature(await planStep(world))).toEqual([]);
      await applyAll(world);
      expect(await live()).toEqual(before);
      await writeFiles(world.root, { [file]: zone(owned) });
      // the Pulumi engine adopts them again (imports); neither engine plans anything else
      expect(planSignature(await planStep(world))).toEqual([]);
      await applyAll(world);
      expect(await live()).toEqual(before);
    }, timeout);

    // Issue 27 item 7: RunOptions.approvedFingerprint means the same for both engines
    it("an apply naming the fingerprint of another plan refuses and writes nothing; the approved one applies", async () => {
      await writeFiles(world.root, { [file]: zone([...owned.slice(0, 3), "  - { name: added, type: A, content: 192.0.2.3 }", ...owned.slice(3)]) });
      const { desired, stack } = await load(world.root);
      const before = await live();
      const refused = world.engine.apply(desired, run(stack, { approvedFingerprint: "0".repeat(64) }));
      await expect(refused).rejects.toBeInstanceOf(ApprovedPlanChangedError);
      expect(await live()).toEqual(before);
      const planned = await world.engine.plan(desired, run(stack));
      expect(planSignature(compared(planned))).toEqual(["create dns-record example.net/dns/added/A [content,name,proxied,tags,ttl,type]"]);
      const result = await world.engine.apply(desired, run(stack, { approvedFingerprint: planFingerprint(planned) }));
      expect(result.status).toBe("applied");
      expect((await live()).records).toContain("A added.example.net");
    }, timeout);
  });

  describe(`engine conformance: ${name}: adoption`, () => {
    let source: World;
    let adopter: Engine;
    beforeAll(async () => {
      source = await createWorld(makeEngine);
      // the account now holds every object as the main suite leaves it before its drift step (which
      // the drift edits below assume); a fresh engine state knows none of them
      await applyAll(source);
      for (const step of ["update", "remove"] as const) {
        await writeStep(source, step);
        await applyAll(source);
      }
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

    // Pulumi compares what it imports with the program field by field, and a ruleset's name forces a
    // replacement (a second entrypoint for the phase: 20217). Both engines must plan the differences
    // alone, and keep the entrypoints' live names.
    it("objects that exist but differ (entrypoints renamed in the dashboard too) plan as the differences, and apply converges", async () => {
      for (const scenario of source.scenarios) await scenario.drift.edit(source.api);
      const rulesets = `/zones/${source.api.zoneId}/rulesets`;
      const entrypoints = await source.api.request<{ id: string }[]>("GET", rulesets);
      for (const { id } of entrypoints) {
        const { rules } = await source.api.request<{ rules: unknown[] }>("GET", `${rulesets}/${id}`);
        await source.api.request("PUT", `${rulesets}/${id}`, { name: "default", description: "made in the dashboard", rules });
      }
      const second = await makeEngine({ baseUrl: source.emulator.baseUrl, apiToken: token, accountId: source.emulator.accountId, dataDir: join(source.root, "fresh-state-2") });
      const { desired, stack } = await load(source.root);
      const planned = compared(await second.plan(desired, run(stack)));
      expect([...planSignature(planned)].sort()).toEqual(expected(source, source.scenarios.map((scenario) => scenario.drift.expect)));
      const result = await second.apply(desired, run(stack));
      expect(result.error).toBeUndefined();
      expect(planSignature(compared(await second.plan(desired, run(stack))))).toEqual([]);
      for (const { id } of entrypoints) {
        expect(await source.api.request("GET", `${rulesets}/${id}`)).toMatchObject({ name: "default", description: "made in the dashboard" });
      }
    }, timeout * 2);
  });
}
