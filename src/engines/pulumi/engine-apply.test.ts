// What `apply` runs (issue 27 items 1 and 7), through the real Automation API and the fake
// `pulumi`: the records a CNAME replaces deleted by a targeted update first, and an update that
// runs only the change set that was approved (a preview right before `up`, and the fingerprint a
// later approval names).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { planFingerprint } from "../../plan/fingerprint.ts";
import { PlanStaleError } from "../../plan/saved.ts";
import type { Plan } from "../../plan/types.ts";
import { ApprovedPlanChangedError } from "../approved-plan.ts";
import { outputs, pre, stepOf, summary, urnOf } from "../../../test/support/fake-pulumi-cli.ts";
import { planSignature, pulumiTypes as types, startHarness, stateWith, type Harness } from "../../../test/support/fake-pulumi-harness.ts";

const www = (content: string) => ({ zoneId: "z1", name: "www.example.com", type: "CNAME", content, proxied: true, ttl: 1, tags: [] });
const a = (content: string) => ({ zoneId: "z1", name: "www.example.com", type: "A", content, proxied: true, ttl: 1, tags: [] });
const zoneFile = "zone: example.com\nsettings:\n  ssl: full\ndns:\n  - { name: www, type: CNAME, content: example.com, proxied: true }\n";
const createWww = stepOf("create", types.dns, "example.com/dns/www/CNAME", { new: www("example.com") });
const createSsl = stepOf("create", types.setting, "example.com/settings/ssl", { new: { zoneId: "z1", settingId: "ssl", value: "full" } });

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ "desired-state/zones/example.com.yaml": zoneFile });
}, 60_000);

afterAll(() => h.close());

beforeEach(() => h.reset());

describe("several A records becoming one CNAME (item 1)", () => {
  const ids = ["example.com/dns/www/A/192.0.2.1", "example.com/dns/www/A/192.0.2.2"];
  const urns = ids.map((id) => urnOf(types.dns, id));
  const deletes = ids.map((id, index) => stepOf("delete", types.dns, id, { old: a(`192.0.2.${index + 1}`) }));

  it("deletes the A records in a targeted update first, then runs the update that creates the CNAME", async () => {
    await h.fake.script({
      state: stateWith(ids.map((id, index) => ({ type: types.dns, urn: urnOf(types.dns, id), outputs: a(`192.0.2.${index + 1}`) }))),
      preview: [{ events: [...deletes.map(pre), pre(createWww), summary({ delete: 2, create: 1 })] }],
      up: [{ events: deletes.flatMap((step) => [pre(step), outputs(step)]) }, { events: [pre(createWww), outputs(createWww)] }],
    });
    const early: string[] = [];
    const result = await h.engine().apply(h.desired, h.run({ approve: async () => true, onOutcome: (o) => early.push(`${o.op} ${o.id}`) }));
    expect(planSignature(result.plan)).toEqual([
      "delete dns-record example.com/dns/www/A/192.0.2.1 [content,name,proxied,tags,ttl,type]",
      "delete dns-record example.com/dns/www/A/192.0.2.2 [content,name,proxied,tags,ttl,type]",
      "create dns-record example.com/dns/www/CNAME [content,name,proxied,tags,ttl,type]",
    ]);
    expect(result.status).toBe("applied");
    const ups = await h.fake.commands("up");
    expect(ups).toHaveLength(2);
    const targets = (args: string[]) => args.flatMap((arg, index) => (args[index - 1] === "--target" ? [arg] : []));
    expect(targets(ups[0]!).sort()).toEqual(urns.sort());
    expect(targets(ups[1]!)).toEqual([]);
    expect(early).toEqual(["delete example.com/dns/www/A/192.0.2.1", "delete example.com/dns/www/A/192.0.2.2", "create example.com/dns/www/CNAME"]);
  });

  it("a failed targeted update stops there", async () => {
    await h.fake.script({
      state: stateWith(ids.map((id, index) => ({ type: types.dns, urn: urnOf(types.dns, id), outputs: a(`192.0.2.${index + 1}`) }))),
      preview: [{ events: [...deletes.map(pre), pre(createWww), summary({ delete: 2, create: 1 })] }],
      up: [{ events: [], exitCode: 255, stderr: "error: the delete failed" }],
    });
    const result = await h.engine().apply(h.desired, h.run({ approve: async () => true }));
    expect(result.status).toBe("failed");
    expect(await h.fake.commands("up")).toHaveLength(1);
  });
});

describe("what `up` runs is what was approved (item 7)", () => {
  const changed = { events: [pre(createWww), pre(createSsl), summary({ create: 2 })] };
  const first = { events: [pre(createWww), summary({ create: 1 })] };

  it("previews again right before `up` and refuses, writing nothing, when the changes moved while the approval waited", async () => {
    await h.fake.script({ preview: [first, changed], up: [{ events: [pre(createWww)] }] });
    const approved: Plan[] = [];
    const refused = h.engine().apply(h.desired, h.run({ approve: async (plan) => approved.push(plan) > 0 }));
    await expect(refused).rejects.toBeInstanceOf(PlanStaleError);
    await expect(refused).rejects.toThrow(/example.com\/settings\/ssl/);
    expect(approved).toHaveLength(1);
    expect(await h.fake.commands("up")).toEqual([]);
    expect((await h.fake.commands("stack")).filter((args) => args[1] === "import")).toEqual([]);
  });

  it("an apply naming the approved plan's fingerprint runs only that plan", async () => {
    await h.fake.script({ preview: [first], up: [{ events: [pre(createWww)] }] });
    const plan = await h.engine().plan(h.desired, h.run());
    const applied = await h.engine().apply(h.desired, h.run({ approve: async () => true, approvedFingerprint: planFingerprint(plan) }));
    expect(applied.status).toBe("applied");

    await h.fake.script({ preview: [changed], up: [{ events: [pre(createWww)] }] });
    let asked = false;
    const stale = h.engine().apply(h.desired, h.run({ approve: async () => (asked = true), approvedFingerprint: planFingerprint(plan) }));
    await expect(stale).rejects.toBeInstanceOf(ApprovedPlanChangedError);
    await expect(stale).rejects.toThrow(/not the one that was approved .*nothing was applied/);
    expect(asked).toBe(false);
    expect(await h.fake.commands("up")).toEqual([]);
  });
});
