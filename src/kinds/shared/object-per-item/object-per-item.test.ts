// The one-object-per-item helper with a made-up kind ("gadget", key `gadgets`, identity `name`):
// expansion and claims, import without an empty key, the uniqueness rule, one call per change on
// the native side, and names, state and import ids on the Pulumi side.
import type Cloudflare from "cloudflare";
import { describe, expect, it } from "vitest";
import type { DesiredState, SourceLocation, ZoneSpec } from "../../../desired-state/types.ts";
import type { WriteContext } from "../../../engines/native/adapter.ts";
import type { Change } from "../../../plan/types.ts";
import type { Resource } from "../../../plan/resources.ts";
import type { ExpandOutput, RuleFinding } from "../../kind.ts";
import { expandObjects } from "./expand.ts";
import { objectResource, type ObjectKind } from "./object-kind.ts";
import { objectNative, type ObjectPayload } from "./native.ts";
import { objectsToYaml } from "./placement.ts";
import { objectPulumi } from "./pulumi.ts";
import { uniqueIdentityRule } from "./rules.ts";

interface GadgetSpec {
  name: string;
  colour?: string;
  source: SourceLocation;
}
type GadgetValue = { name: string; colour?: string };

const items = new WeakMap<ZoneSpec, GadgetSpec[]>();
const gadgets: ObjectKind<GadgetSpec, GadgetValue> = {
  kind: "gadget",
  key: "gadgets",
  noun: "gadget",
  code: "gadget",
  identity: "name",
  description: "Gadgets.",
  schema: { type: "object" },
  itemsOf: (zone) => items.get(zone),
  setItems: (zone, list) => void items.set(zone, list),
  build: (raw, source) => ({ name: String(raw.name), ...(typeof raw.colour === "string" && { colour: raw.colour }), source }),
  fromSpec: ({ name, colour }) => ({ name: name.toLowerCase(), ...(colour !== undefined && { colour }) }),
  fromApi: (object) => ({ name: String(object.name), ...(typeof object.colour === "string" && { colour: object.colour }) }),
  toApi: (value) => ({ name: value.name, colour: value.colour ?? null }),
  toYaml: (value) => ({ name: value.name, ...(value.colour !== undefined && { colour: value.colour }) }),
};

const at = (line: number): SourceLocation => ({ file: "zones/example.com.yaml", line, column: 5 });

function zoneWith(list: GadgetSpec[] | undefined): ZoneSpec {
  const zone = { zone: "example.com", file: "zones/example.com.yaml", source: at(1), ignore: [] } as ZoneSpec;
  if (list) items.set(zone, list);
  return zone;
}

function live(name: string, id: string, colour?: string): Resource {
  const value: GadgetValue = colour ? { name, colour } : { name };
  return { ...objectResource(gadgets, "example.com", value), cloudId: id };
}

describe("one object per item: the core side", () => {
  it("expands each item to a resource named by its identity and claims the zone only when the key is there", () => {
    const claims: string[] = [];
    const out: ExpandOutput = { resources: [], claim: (kind, scope) => void claims.push(`${kind} ${scope}`) };
    const state = { dir: "d", services: [], zones: [zoneWith([{ name: "Lamp", colour: "red", source: at(3) }]), { ...zoneWith(undefined), zone: "other.example" }] } as unknown as DesiredState;
    expandObjects(gadgets, state, out);
    expect(claims).toEqual(["gadget example.com"]);
    expect(out.resources).toEqual([{ kind: "gadget", key: "example.com/gadgets/lamp", id: "example.com/gadgets/lamp", zone: "example.com", scope: "example.com", value: { name: "lamp", colour: "red" }, source: at(3) }]);
  });

  it("imports a zone's objects sorted by identity, and writes no key for a zone without any", () => {
    expect(objectsToYaml(gadgets, [])).toEqual({ keys: {}, written: [], summary: [] });
    const section = objectsToYaml(gadgets, [live("b", "2"), live("a", "1", "blue")]);
    expect(section.keys).toEqual({ gadgets: [{ name: "a", colour: "blue" }, { name: "b" }] });
    expect(section.summary).toEqual(["2 gadget(s)"]);
    expect(section.itemKey?.("gadgets", { name: "a" })).toBe("gadgets/a");
  });

  it("reports an identity listed twice (after normalising) at the second one, naming the first one's line", () => {
    const found: Array<[RuleFinding, SourceLocation]> = [];
    const zone = zoneWith([{ name: "lamp", source: at(3) }, { name: "LAMP", source: at(4) }]);
    uniqueIdentityRule(gadgets).check({ zone, state: { dir: "d", services: [], zones: [zone] } as unknown as DesiredState, locate: (target) => (target as GadgetSpec).source }, (finding, where) => void found.push([finding, where]));
    expect(found).toEqual([[{ code: "gadget-duplicate-name", message: 'duplicate gadget name "lamp"', hint: '"lamp" is already listed at line 3; Cloudflare allows one gadget per name' }, at(4)]]);
  });
});

describe("one object per item: the engines' side", () => {
  const calls: string[] = [];
  const native = objectNative(gadgets, {
    list: async (_client, zoneId) => [{ id: "g1", name: "lamp", colour: "red", zone: zoneId }],
    create: async (_client, zoneId, body) => calls.push(`create ${zoneId} ${JSON.stringify(body)}`),
    update: async (_client, zoneId, id, body) => calls.push(`update ${zoneId} ${id} ${JSON.stringify(body)}`),
    delete: async (_client, zoneId, id) => calls.push(`delete ${zoneId} ${id}`),
    auditTypes: ["gadget"],
  });
  const client = {} as Cloudflare;

  it("reads a zone's objects with their Cloudflare ids", async () => {
    const read = await native.readZone!({ id: "z1", name: "example.com" } as never, { client } as never);
    expect(read.resources).toEqual([{ ...objectResource(gadgets, "example.com", { name: "lamp", colour: "red" }), cloudId: "g1" }]);
  });

  it("writes each change with one call: create, update and delete by id", async () => {
    const change = (op: Change["op"], after?: GadgetValue, cloudId?: string): Change<ObjectPayload> => {
      const c: Change<ObjectPayload> = { kind: "gadget", id: `example.com/gadgets/${after?.name ?? "x"}`, zone: "example.com", op, fields: [], ...(after && { after }), ...(cloudId && { cloudId }) };
      c.payload = native.payload({ change: c, desired: [], live: [], meta: undefined });
      return c;
    };
    const changes = [change("create", { name: "new" }), change("update", { name: "lamp", colour: "blue" }, "g1"), change("delete", undefined, "g2")];
    const steps = native.writes(changes, { client, zoneId: () => "z1" } as unknown as WriteContext);
    expect(steps.map((step) => step.changes)).toEqual(changes.map((c) => [c]));
    for (const step of steps) await step.run();
    expect(calls).toEqual(['create z1 {"name":"new","colour":null}', 'update z1 g1 {"name":"lamp","colour":"blue"}', "delete z1 g2"]);
    expect(native.auditResource!({ change: changes[1]!, meta: undefined })).toEqual({ id: "g1", types: ["gadget"], zone: "example.com" });
  });

  it("names Pulumi resources by identity, reads their state back and imports them as <zone_id>/<id>", () => {
    const pulumi = objectPulumi(gadgets, { type: "cloudflare:index/gadget:Gadget", args: (value, zoneId) => ({ zoneId, ...value }), create: () => ({}) as never, stateToApi: (state) => state });
    const resource = objectResource(gadgets, "example.com", { name: "lamp" } as GadgetValue);
    const name = pulumi.logicalName(resource);
    expect(pulumi.fromState(name, { zoneId: "z1", name: "lamp", colour: "red" }, { desiredByKey: new Map() })).toEqual([objectResource(gadgets, "example.com", { name: "lamp", colour: "red" })]);
    expect(pulumi.fromState(name, undefined, { desiredByKey: new Map() })).toEqual([]);
    expect(pulumi.importId(name, [live("lamp", "g1")], { accountId: "a", zoneId: () => "z1", meta: () => undefined })).toBe("z1/g1");
  });
});
