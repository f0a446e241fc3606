// What describes a kind whose items are separate API objects (a Workers route, an Access group, an
// email routing rule): its zone-file key, the field that identifies an item, and how an item reads
// from the YAML and the API and writes back to both. The kind's folder passes one of these to the
// helpers here (placement, expand, rules, native, pulumi), as ruleset-phase kinds pass a RulesetPhase.
import type { SourceLocation, ZoneSpec } from "../../../desired-state/types.ts";
import type { Resource } from "../../../plan/resources.ts";
import type { JsonSchema } from "../../kind.ts";

/** An item as its zone file holds it: the fields, and where it was written. */
export interface ObjectSpec {
  source: SourceLocation;
}

export interface ObjectKind<Spec extends ObjectSpec = ObjectSpec, Value extends Record<string, unknown> = Record<string, unknown>> {
  kind: string;
  /** The zone-file key (`workers_routes`), also the middle of change ids: example.com/workers_routes/<identity>. */
  key: string;
  /** One item, for messages and counts: "Workers route". */
  noun: string;
  /** The start of its diagnostic codes: "workers-route" (workers-route-duplicate). */
  code: string;
  /** The value field that identifies an item in its zone (unique there; a new one is a delete and a create). */
  identity: keyof Value & string;
  /** The key's description in the zone-file schema. */
  description: string;
  /** JSON Schema of one item. */
  schema: JsonSchema;
  /** The zone's list (undefined: the key is absent, so the zone's objects of this kind are not managed). */
  itemsOf(zone: ZoneSpec): Spec[] | undefined;
  /** Sets the zone's list from the file's items (each already schema-checked). */
  setItems(zone: ZoneSpec, items: Spec[]): void;
  /** One schema-checked YAML item -> its spec. */
  build(raw: Record<string, unknown>, source: SourceLocation): Spec;
  fromSpec(spec: Spec): Value;
  /** An object as the API returns it (list or get) -> its value. */
  fromApi(object: Record<string, unknown>): Value;
  /** The value as the create and update calls take it. */
  toApi(value: Value): Record<string, unknown>;
  /** The value as a YAML item (`import`), fields in the order people write them. */
  toYaml(value: Value): Record<string, unknown>;
}

export function objectId(zone: string, key: string, identity: string): string {
  return `${zone}/${key}/${identity}`;
}

export function identityOf<Value extends Record<string, unknown>>(kind: Pick<ObjectKind<ObjectSpec, Value>, "identity">, value: Value): string {
  return String(value[kind.identity]);
}

/** A value of the kind as a resource of its zone (desired, or live with its Cloudflare id). */
export function objectResource<Value extends Record<string, unknown>>(kind: Pick<ObjectKind<ObjectSpec, Value>, "kind" | "key" | "identity">, zone: string, value: Value): Resource {
  const id = objectId(zone, kind.key, identityOf(kind, value));
  return { kind: kind.kind, key: id, id, zone, scope: zone, value: { ...value } };
}
