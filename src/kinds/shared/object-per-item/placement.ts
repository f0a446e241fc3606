// The zone-file side of a one-object-per-item kind: its key (a list of items), how the loader builds
// it, how many items a zone declares, and what `import --zone` writes. A zone without objects of
// the kind gets no key: an empty list would claim the zone's objects, so the next apply would
// delete the ones made elsewhere (routes `wrangler deploy` adds, groups made in the dashboard).
import type { Resource } from "../../../plan/resources.ts";
import { fragment, isRecord, type ImportedSection, type ZonePlacement } from "../../kind.ts";
import { identityOf, type ObjectKind, type ObjectSpec } from "./object-kind.ts";

export function objectPlacement<Spec extends ObjectSpec, Value extends Record<string, unknown>>(kind: ObjectKind<Spec, Value>): ZonePlacement {
  return {
    scope: "zone",
    // profiles: items concatenate; the same identity from two files is a conflict
    keys: { [kind.key]: { description: kind.description, schema: { type: "array", items: fragment(kind.schema) }, merge: { rule: "concat", identity: [kind.identity] } } },
    build(raw, zone, ctx) {
      const list = raw[kind.key];
      if (!Array.isArray(list)) return;
      const items: Spec[] = [];
      list.forEach((item, index) => {
        if (!isRecord(item) || ctx.failed(`${kind.key}/${index}`)) return;
        const source = ctx.at([kind.key, index]);
        const spec = kind.build(item, source);
        ctx.register(spec, [kind.key, index], source);
        items.push(spec);
      });
      kind.setItems(zone, items);
    },
    count: (zone) => kind.itemsOf(zone)?.length,
    toYaml: (live) => objectsToYaml(kind, live),
  };
}

/** `import`: the zone's live objects, ordered by identity, as the key's list; no key when there are none. */
export function objectsToYaml<Spec extends ObjectSpec, Value extends Record<string, unknown>>(kind: ObjectKind<Spec, Value>, live: Resource[]): ImportedSection {
  if (live.length === 0) return { keys: {}, written: [], summary: [] };
  const values = live.map((resource) => resource.value as Value).sort((a, b) => (identityOf(kind, a) < identityOf(kind, b) ? -1 : identityOf(kind, a) > identityOf(kind, b) ? 1 : 0));
  return {
    keys: { [kind.key]: values.map((value) => kind.toYaml(value)) },
    written: live,
    summary: [`${live.length} ${kind.noun}(s)`],
    itemKey: (key, item) => (key === kind.key && isRecord(item) && item[kind.identity] !== undefined ? `${kind.key}/${String(item[kind.identity])}` : undefined),
  };
}
