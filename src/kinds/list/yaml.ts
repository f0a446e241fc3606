// `cf-gitops import --lists`: each live list as the file that declares it, items as the YAML would
// write them (a bare value, or { ip: ..., comment: ... } when the item has a comment; a redirect as
// { source, target, ... } with only what differs from Cloudflare's defaults), and `enabled: true`
// for a redirect list whose Bulk Redirect rule is on.
import type { ImportedFile } from "../kind.ts";
import { isRecord } from "../kind.ts";
import type { Resource } from "../../plan/resources.ts";
import type { ListItemValue, ListValue } from "./normalise.ts";
import { redirectItemYaml } from "./redirect-items.ts";
import { isRedirectRule } from "./redirect-rule.ts";

function itemToYaml(item: ListItemValue): unknown {
  if (item.redirect) return { ...redirectItemYaml(item.redirect), ...(item.comment === undefined ? {} : { comment: item.comment }) };
  const value = item.ip ?? item.asn ?? item.hostname;
  if (item.comment === undefined) return value;
  const key = item.ip !== undefined ? "ip" : item.asn !== undefined ? "asn" : "hostname";
  return { [key]: value, comment: item.comment };
}

/** The identity of a written item (bare or with a comment), for keeping its YAML comments. */
function writtenItemKey(item: unknown): string | undefined {
  if (typeof item === "string" || typeof item === "number") return String(item);
  if (!isRecord(item)) return undefined;
  const value = item.ip ?? item.asn ?? item.hostname ?? item.source;
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

export function listFilesFromLive(live: Resource[]): ImportedFile[] {
  const rules = new Map(live.filter((resource) => isRedirectRule(resource.value)).map((resource) => [String(resource.value.list), resource]));
  return live.filter((resource) => !isRedirectRule(resource.value)).map((resource) => {
    const value = resource.value as unknown as ListValue;
    const doc: Record<string, unknown> = { list: value.name, kind: value.kind };
    if (value.description) doc.description = value.description;
    const rule = rules.get(value.name);
    if (value.kind === "redirect" && rule?.value.enabled === true) doc.enabled = true;
    doc.items = value.items.map(itemToYaml);
    return {
      name: value.name,
      doc,
      written: rule ? [resource, rule] : [resource],
      summary: `${value.items.length} item(s)${doc.enabled ? ", enabled" : ""}`,
      itemKey: (key, item) => (key === "items" ? writtenItemKey(item) : undefined),
    };
  });
}
