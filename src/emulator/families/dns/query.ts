// The DNS list filters and ordering the SDK sends: name, name.exact|contains|startswith|endswith,
// type, content(.…), proxied, comment(.…), tag(.…), search, match, order, direction.
import { fail } from "../../envelope.ts";
import type { DnsRecord } from "./types.ts";
import { recordFqdn } from "./names.ts";

type Predicate = (record: DnsRecord) => boolean;
const operators = ["exact", "contains", "startswith", "endswith"] as const;

function textTest(operator: string, wanted: string): (value: string) => boolean {
  const needle = wanted.toLowerCase();
  switch (operator) {
    case "contains":
      return (value) => value.toLowerCase().includes(needle);
    case "startswith":
      return (value) => value.toLowerCase().startsWith(needle);
    case "endswith":
      return (value) => value.toLowerCase().endsWith(needle);
    default:
      return (value) => value.toLowerCase() === needle;
  }
}

function textFilters(query: URLSearchParams, field: string, read: (record: DnsRecord) => string, normalise = (v: string) => v): Predicate[] {
  const predicates: Predicate[] = [];
  const plain = query.get(field);
  if (plain !== null) {
    const test = textTest("exact", normalise(plain));
    predicates.push((record) => test(read(record)));
  }
  for (const operator of operators) {
    const value = query.get(`${field}.${operator}`);
    if (value === null) continue;
    const test = textTest(operator, operator === "exact" ? normalise(value) : value);
    predicates.push((record) => test(read(record)));
  }
  return predicates;
}

function tagFilters(query: URLSearchParams): Predicate[] {
  const predicates: Predicate[] = [];
  const tagName = (tag: string) => tag.split(":")[0]!;
  for (const tag of query.getAll("tag")) predicates.push((record) => record.tags.some((t) => t === tag || tagName(t) === tag));
  const present = query.get("tag.present");
  if (present !== null) predicates.push((record) => record.tags.some((t) => tagName(t) === present));
  const absent = query.get("tag.absent");
  if (absent !== null) predicates.push((record) => !record.tags.some((t) => tagName(t) === absent));
  for (const operator of operators) {
    const value = query.get(`tag.${operator}`);
    if (value === null) continue;
    const [name, wanted = ""] = value.split(/:(.*)/s);
    const test = textTest(operator, wanted);
    predicates.push((record) => record.tags.some((t) => tagName(t) === name && test(t.slice(name!.length + 1))));
  }
  return predicates;
}

export function filterRecords(records: DnsRecord[], query: URLSearchParams, zoneName: string): DnsRecord[] {
  const predicates: Predicate[] = [
    ...textFilters(query, "name", (r) => r.name, (v) => recordFqdn(v, zoneName) ?? v),
    ...textFilters(query, "content", (r) => r.content),
    ...textFilters(query, "comment", (r) => r.comment ?? ""),
    ...tagFilters(query),
  ];
  const type = query.get("type");
  if (type !== null) predicates.push((record) => record.type === type.toUpperCase());
  const proxied = query.get("proxied");
  if (proxied !== null) predicates.push((record) => String(record.proxied) === proxied);
  if (query.get("comment.present") !== null) predicates.push((record) => record.comment !== undefined);
  if (query.get("comment.absent") !== null) predicates.push((record) => record.comment === undefined);
  const search = query.get("search")?.toLowerCase();
  if (search) predicates.push((r) => [r.name, r.content, r.comment ?? ""].some((v) => v.toLowerCase().includes(search)));
  if (predicates.length === 0) return records;
  const any = query.get("match") === "any";
  return records.filter((record) => (any ? predicates.some((p) => p(record)) : predicates.every((p) => p(record))));
}

const orderFields = ["type", "name", "content", "ttl", "proxied"] as const;

export function orderRecords(records: DnsRecord[], query: URLSearchParams): DnsRecord[] {
  const order = query.get("order") ?? "type";
  if (!(orderFields as readonly string[]).includes(order)) throw fail(400, 1001, `Invalid order "${order}": use one of ${orderFields.join(", ")}`);
  const direction = query.get("direction") ?? "asc";
  if (direction !== "asc" && direction !== "desc") throw fail(400, 1001, `Invalid direction "${direction}": use asc or desc`);
  const sign = direction === "desc" ? -1 : 1;
  const key = (record: DnsRecord) => String(record[order as (typeof orderFields)[number]]);
  const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  return [...records].sort((a, b) => {
    const primary = order === "ttl" ? compare(a.ttl, b.ttl) : compare(key(a), key(b));
    return sign * primary || compare(a.name, b.name) || compare(a.type, b.type) || compare(a.content, b.content) || compare(a.id, b.id);
  });
}
