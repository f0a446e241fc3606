// Structured record types: Cloudflare takes `data` and renders `content` from it.
import { fail } from "../../envelope.ts";

interface DataType {
  fields: string[];
  /** Fields that are numbers; the rest are strings. */
  numeric: string[];
  /** String fields that may be empty (an HTTPS/SVCB record without parameters, a NAPTR without regex). */
  optional?: string[];
  render: (data: Record<string, unknown>) => string;
}

const plain = (fields: string[]) => (data: Record<string, unknown>) => fields.map((field) => String(data[field])).join(" ");
const quote = (value: unknown) => `"${String(value).replace(/[\\"]/g, (c) => `\\${c}`)}"`;
const metres = (value: unknown) => `${Number(value).toFixed(2)}m`;

export const dataTypes: Record<string, DataType> = {
  SRV: { fields: ["priority", "weight", "port", "target"], numeric: ["priority", "weight", "port"], render: plain(["weight", "port", "target"]) },
  URI: { fields: ["weight", "target"], numeric: ["weight"], render: (d) => `${String(d.weight)} ${quote(d.target)}` },
  CAA: { fields: ["flags", "tag", "value"], numeric: ["flags"], render: (d) => `${String(d.flags)} ${String(d.tag)} ${quote(d.value)}` },
  DS: { fields: ["key_tag", "algorithm", "digest_type", "digest"], numeric: ["key_tag", "algorithm", "digest_type"], render: plain(["key_tag", "algorithm", "digest_type", "digest"]) },
  TLSA: { fields: ["usage", "selector", "matching_type", "certificate"], numeric: ["usage", "selector", "matching_type"], render: plain(["usage", "selector", "matching_type", "certificate"]) },
  SMIMEA: { fields: ["usage", "selector", "matching_type", "certificate"], numeric: ["usage", "selector", "matching_type"], render: plain(["usage", "selector", "matching_type", "certificate"]) },
  SSHFP: { fields: ["algorithm", "type", "fingerprint"], numeric: ["algorithm", "type"], render: plain(["algorithm", "type", "fingerprint"]) },
  NAPTR: {
    fields: ["order", "preference", "flags", "service", "regex", "replacement"],
    numeric: ["order", "preference"],
    optional: ["flags", "service", "regex"],
    render: (d) => `${String(d.order)} ${String(d.preference)} ${quote(d.flags)} ${quote(d.service)} ${quote(d.regex)} ${String(d.replacement)}`,
  },
  HTTPS: { fields: ["priority", "target", "value"], numeric: ["priority"], optional: ["value"], render: (d) => plain(["priority", "target", "value"])(d).trim() },
  SVCB: { fields: ["priority", "target", "value"], numeric: ["priority"], optional: ["value"], render: (d) => plain(["priority", "target", "value"])(d).trim() },
  CERT: { fields: ["type", "key_tag", "algorithm", "certificate"], numeric: ["type", "key_tag", "algorithm"], render: plain(["type", "key_tag", "algorithm", "certificate"]) },
  DNSKEY: { fields: ["flags", "protocol", "algorithm", "public_key"], numeric: ["flags", "protocol", "algorithm"], render: plain(["flags", "protocol", "algorithm", "public_key"]) },
  LOC: {
    fields: ["lat_degrees", "lat_minutes", "lat_seconds", "lat_direction", "long_degrees", "long_minutes", "long_seconds", "long_direction", "altitude", "size", "precision_horz", "precision_vert"],
    numeric: ["lat_degrees", "lat_minutes", "lat_seconds", "long_degrees", "long_minutes", "long_seconds", "altitude", "size", "precision_horz", "precision_vert"],
    render: (d) =>
      `${String(d.lat_degrees)} ${String(d.lat_minutes)} ${Number(d.lat_seconds).toFixed(3)} ${String(d.lat_direction)} ` +
      `${String(d.long_degrees)} ${String(d.long_minutes)} ${Number(d.long_seconds).toFixed(3)} ${String(d.long_direction)} ` +
      `${metres(d.altitude)} ${metres(d.size)} ${metres(d.precision_horz)} ${metres(d.precision_vert)}`,
  },
};

/** Checks `data` for a structured type and returns it with only the known fields, plus the rendered content. */
export function normaliseData(type: string, data: unknown): { data: Record<string, unknown>; content: string } {
  const spec = dataTypes[type]!;
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw fail(400, 9101, `${type} records need a "data" object with ${spec.fields.join(", ")}`);
  }
  const input = data as Record<string, unknown>;
  const clean: Record<string, unknown> = {};
  for (const field of spec.fields) {
    const value = spec.optional?.includes(field) ? (input[field] ?? "") : input[field];
    if (value === undefined || value === null || (value === "" && !spec.optional?.includes(field))) {
      throw fail(400, 9101, `data.${field} is required for ${type} records`);
    }
    if (spec.numeric.includes(field)) {
      const number = typeof value === "number" ? value : Number(value);
      if (!Number.isFinite(number)) throw fail(400, 9101, `data.${field} of a ${type} record must be a number, got ${JSON.stringify(value)}`);
      clean[field] = number;
    } else {
      clean[field] = String(value);
    }
  }
  return { data: clean, content: spec.render(clean) };
}
