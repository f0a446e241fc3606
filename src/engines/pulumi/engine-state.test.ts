// What the Pulumi engine writes, and where (issue 27 items 2, 3, 5, 9), through the real Automation
// API and the fake `pulumi`: the token never on a command line nor in stack config, previews that
// write no state and create no stack, pending operations cleared only by apply, and objects that
// stop being managed dropped from the state without being deleted.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DesiredState } from "../../desired-state/types.ts";
import { load, token, writeFiles } from "../../../test/native-support.ts";
import { pre, stepOf, summary, urnOf } from "../../../test/support/fake-pulumi-cli.ts";
import { planSignature, pulumiTypes as types, startHarness, stateWith, type Harness } from "../../../test/support/fake-pulumi-harness.ts";

const www = (content: string) => ({ zoneId: "z1", name: "www.example.com", type: "CNAME", content, proxied: true, ttl: 1, tags: [] });
const a = (name: string, content: string) => ({ zoneId: "z1", name: `${name}.example.com`, type: "A", content, proxied: false, ttl: 1, tags: [] });
const zoneFile = "zone: example.com\nsettings:\n  ssl: full\ndns:\n  - { name: www, type: CNAME, content: example.com, proxied: true }\nignore:\n  - { name: legacy }\n";
const createWww = stepOf("create", types.dns, "example.com/dns/www/CNAME", { new: www("example.com") });

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ "desired-state/zones/example.com.yaml": zoneFile });
}, 60_000);

afterAll(() => h.close());

beforeEach(() => h.reset());

async function desiredWith(zone: string): Promise<DesiredState> {
  await writeFiles(h.root, { "desired-state/zones/example.com.yaml": zone });
  try {
    return (await load(h.root)).desired;
  } finally {
    await writeFiles(h.root, { "desired-state/zones/example.com.yaml": zoneFile });
  }
}

describe("the API token (item 5)", () => {
  it("never reaches a command line or the stack config: the CLI and its provider get CLOUDFLARE_API_TOKEN in their environment", async () => {
    await h.fake.script({ preview: [{ events: [pre(createWww), summary({ create: 1 })] }], up: [{ events: [pre(createWww)] }] });
    await h.engine().apply(h.desired, h.run({ approve: async () => true }));
    const calls = await h.fake.calls();
    expect(calls.length).toBeGreaterThan(4);
    expect(calls.filter((call) => call.args?.[0] === "config")).toEqual([]);
    expect(calls.filter((call) => JSON.stringify(call.args ?? []).includes(token))).toEqual([]);
    const operations = calls.filter((call) => call.args && ["preview", "up"].includes(call.args[0]!));
    expect(operations.length).toBeGreaterThanOrEqual(2);
    for (const call of operations) expect(call.cloudflareToken).toBe(token);
    // every workspace command has it (`pulumi version` runs before the workspace exists)
    expect(calls.filter((c) => c.token !== undefined && c.token !== "set" && c.args?.[0] !== "version").map((c) => c.args?.join(" "))).toEqual([]);
  });

  it("dropping the input a stack made by an earlier version holds is an update of the provider only: no change, nothing to apply", async () => {
    const provider = { op: "update" as const, urn: "urn:pulumi:default::cf-gitops::pulumi:providers:cloudflare::cloudflare", type: "pulumi:providers:cloudflare", provider: "", detailedDiff: { apiToken: { diffKind: "delete" as never, inputDiff: true } } };
    const same = stepOf("same", types.dns, "example.com/dns/www/CNAME", { old: www("example.com"), new: www("example.com") });
    await h.fake.script({ preview: [{ events: [pre(provider), pre(same), summary({ update: 1, same: 2 })] }] });
    const result = await h.engine().apply(h.desired, h.run({ approve: async () => true }));
    expect(result).toMatchObject({ status: "no-changes", outcomes: [] });
    expect(result.plan.changes).toEqual([]);
    expect(await h.fake.commands("up")).toEqual([]);
  });
});

describe("pending operations (item 3)", () => {
  const pending = [{ type: "creating", resource: { urn: urnOf(types.dns, "example.com/dns/api/A") } }];
  const held = () => stateWith([{ type: types.dns, urn: urnOf(types.dns, "example.com/dns/www/CNAME"), outputs: www("example.com") }], pending);

  it("plan and drift read past them in memory and say so, writing no state", async () => {
    await h.fake.script({ state: held(), preview: [{ events: [summary({ same: 1 })] }] });
    const plan = await h.engine().plan(h.desired, h.run());
    expect(plan.warnings).toEqual([expect.stringMatching(/^1 pending Pulumi operation\(s\) left by an interrupted run: creating example.com\/dns\/api\/A; .*the next apply drops them/)]);
    await h.engine().drift(h.desired, h.run({ attributionSince: false }));
    expect((await h.fake.commands("stack")).filter((args) => args[1] === "import")).toEqual([]);
    expect(await h.fake.imported()).toBeUndefined();
  });

  it("apply drops them from the state once, after the approval and before the update", async () => {
    await h.fake.script({ state: held(), preview: [{ events: [pre(createWww), summary({ create: 1 })] }], up: [{ events: [pre(createWww)] }] });
    const result = await h.engine().apply(h.desired, h.run({ approve: async () => true }));
    expect(result.status).toBe("applied");
    const order = (await h.fake.calls()).flatMap((call) => (call.args && ["preview", "up"].includes(call.args[0]!) ? [call.args[0]!] : call.args?.[1] === "import" ? ["import"] : []));
    expect(order).toEqual(["preview", "preview", "import", "up"]);
    expect((await h.fake.imported()) as { deployment: { pending_operations: unknown[] } }).toMatchObject({ deployment: { pending_operations: [] } });
  });

  it("apply drops them even when there is nothing to update", async () => {
    await h.fake.script({ state: held(), preview: [{ events: [summary({ same: 1 })] }] });
    expect(await h.engine().apply(h.desired, h.run({ approve: async () => true }))).toMatchObject({ status: "no-changes" });
    expect((await h.fake.commands("stack")).filter((args) => args[1] === "import")).toHaveLength(1);
    expect(await h.fake.commands("up")).toEqual([]);
    expect((await h.engine().plan(h.desired, h.run())).warnings).toBeUndefined();
  });
});

describe("objects that stop being managed (item 2)", () => {
  const legacy = urnOf(types.dns, "example.com/dns/legacy/A");
  const old = urnOf(types.dns, "example.com/dns/old/A");
  const state = () =>
    stateWith([
      { type: types.dns, urn: urnOf(types.dns, "example.com/dns/www/CNAME"), outputs: www("example.com") },
      { type: types.dns, urn: legacy, outputs: a("legacy", "192.0.2.1") },
      { type: types.dns, urn: old, outputs: a("old", "192.0.2.2") },
    ]);
  const gone = (urnName: string, outputs: Record<string, unknown>) => stepOf("delete", types.dns, urnName, { old: outputs });

  it("a zone file without dns: leaves its records in Cloudflare: notes, no change, and apply only drops them from the state", async () => {
    const deletes = [gone("example.com/dns/www/CNAME", www("example.com")), gone("example.com/dns/legacy/A", a("legacy", "192.0.2.1")), gone("example.com/dns/old/A", a("old", "192.0.2.2"))];
    await h.fake.script({ state: state(), preview: [{ events: [...deletes.map(pre), summary({ delete: 3 })] }], up: [{ events: deletes.map(pre) }] });
    const desired = await desiredWith("zone: example.com\nsettings:\n  ssl: full\n");
    const plan = await h.engine().plan(desired, h.run());
    expect(plan.changes).toEqual([]);
    expect(plan.warnings).toHaveLength(3);
    expect(plan.warnings).toContainEqual(expect.stringMatching(/^example.com\/dns\/old\/A stops being managed: .*leaves it in Cloudflare as it is/));
    let asked = false;
    const result = await h.engine().apply(desired, h.run({ approve: async () => (asked = true) }));
    expect(asked).toBe(false);
    expect(result.status).toBe("no-changes");
    const imported = (await h.fake.imported()) as { deployment: { resources: { urn: string; retainOnDelete?: boolean }[] } };
    const retained = imported.deployment.resources.filter((resource) => resource.retainOnDelete).map((resource) => resource.urn);
    expect(retained.sort()).toEqual([urnOf(types.dns, "example.com/dns/www/CNAME"), legacy, old].sort());
    expect(await h.fake.commands("up")).toHaveLength(1);
  });

  it("a record moved under ignore: stops being managed; one the zone file still owns is deleted", async () => {
    const deletes = [gone("example.com/dns/legacy/A", a("legacy", "192.0.2.1")), gone("example.com/dns/old/A", a("old", "192.0.2.2"))];
    await h.fake.script({ state: state(), preview: [{ events: [...deletes.map(pre), summary({ delete: 2 })] }], up: [{ events: deletes.map(pre) }] });
    const plan = await h.engine().plan(h.desired, h.run());
    expect(planSignature(plan)).toEqual(["delete dns-record example.com/dns/old/A [content,name,proxied,tags,ttl,type]"]);
    expect(plan.warnings).toEqual([expect.stringMatching(/^example.com\/dns\/legacy\/A stops being managed/)]);
    const result = await h.engine().apply(h.desired, h.run({ approve: async () => true }));
    expect(result.status).toBe("applied");
    const imported = (await h.fake.imported()) as { deployment: { resources: { urn: string; retainOnDelete?: boolean }[] } };
    expect(imported.deployment.resources.filter((resource) => resource.retainOnDelete).map((resource) => resource.urn)).toEqual([legacy]);
  });
});

describe("a stack that does not exist yet (item 9)", () => {
  it("a preview creates nothing in the backend: it runs from an empty throwaway state and says so; apply creates the stack", async () => {
    await h.fake.script({ stackMissing: true, preview: [{ events: [pre(createWww), summary({ create: 1 })] }], up: [{ events: [pre(createWww)] }] });
    // a bucket nobody answers for (the stale-lock check fails fast and is only logged)
    const shared = "s3://state-bucket/prod?region=auto&endpoint=http://127.0.0.1:9&s3ForcePathStyle=true";
    const env = { PULUMI_BACKEND_URL: shared, CI: "true" };
    const plan = await h.engine({}, env).plan(h.desired, h.run());
    expect(plan.warnings).toContainEqual(expect.stringMatching(/^stack default does not exist yet in s3:\/\/state-bucket\/prod\?[^:]*:\/\/127.0.0.1:9[^:]*: this preview starts from an empty state .* creates nothing in the backend/));
    expect(planSignature(plan)).toEqual(["create dns-record example.com/dns/www/CNAME [content,name,proxied,tags,ttl,type]"]);
    const inits = (await h.fake.calls()).filter((call) => call.args?.[0] === "stack" && call.args[1] === "init");
    expect(inits).toHaveLength(1);
    expect(inits[0]!.backend).toMatch(/^file:\/\/.*cf-gitops-preview-/);
    const [preview] = (await h.fake.calls()).filter((call) => call.args?.[0] === "preview");
    expect(preview!.backend).toBe(inits[0]!.backend);
    await h.engine({}, env).drift(h.desired, h.run({ attributionSince: false }));
    expect((await h.fake.calls()).some((call) => call.args?.[1] === "init" && call.backend === shared)).toBe(false);

    await h.engine({}, env).apply(h.desired, h.run({ approve: async () => true }));
    expect((await h.fake.calls()).filter((call) => call.args?.[1] === "init" && call.backend === shared)).toHaveLength(1);
  });

  it("an existing stack is previewed where it is", async () => {
    await h.fake.script({ preview: [{ events: [summary({ same: 1 })] }] });
    const plan = await h.engine().plan(h.desired, h.run());
    expect(plan.warnings).toBeUndefined();
    expect((await h.fake.calls()).some((call) => call.args?.[1] === "init")).toBe(false);
  });
});
