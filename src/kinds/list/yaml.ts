// `cf-gitops import --lists`: each live list as the file that declares it, items as the YAML would
// write them (a bare value, or { ip: ..., comment: ... } when the item has a comment).
import type { ImportedFile } from "../kind.ts";
import { isRecord } from "../kind.ts";
import type { Resource } from "../../plan/resources.ts";
import type { ListItemValue, ListValue } from "./normalise.ts";

function itemToYaml(item: ListItemValue): unknown {
  const value = item.ip ?? item.asn ?? item.hostname;
  if (item.comment === undefined) return value;
  const key = item.ip !== undefined ? "ip" : item.asn !== undefined ? "asn" : "hostname";
  return { [key]: value, comment: item.comment };
}

/** The identity of a written item (bare or with a comment), for keeping its YAML comments. */
function writtenItemKey(item: unknown): string | undefined {
  if (typeof item === "string" || typeof item === "number") return String(item);
  if (!isRecord(item)) return undefined;
  const value = item.ip ?? item.asn ?? item.hostname;
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

export function listFilesFromLive(live: Resource[]): ImportedFile[] {
  return live.map((resource) => {
    const value = resource.value as unknown as ListValue;
    const doc: Record<string, unknown> = { list: value.name, kind: value.kind };
    if (value.description) doc.description = value.description;
    doc.items = value.items.map(itemToYaml);
    return {
      name: value.name,
      doc,
      written: [resource],
      summary: `${value.items.length} item(s)`,
      itemKey: (key, item) => (key === "items" ? writtenItemKey(item) : undefined),
    };
  });
}
