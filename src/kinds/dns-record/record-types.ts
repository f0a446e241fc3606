// Facts about each DNS record type Cloudflare serves: where its value goes (`content` or `data`
// with Cloudflare's field names), whether it can be proxied, and whether it takes `priority`.
import type { JsonSchema } from "../kind.ts";

export const dnsRecordTypes = [
  "A", "AAAA", "CNAME", "MX", "TXT", "NS", "SRV", "CAA", "PTR", "DS", "TLSA", "SSHFP",
  "NAPTR", "LOC", "HTTPS", "SVCB", "URI", "CERT", "DNSKEY", "SMIMEA", "OPENPGPKEY",
] as const;
export type DnsRecordType = (typeof dnsRecordTypes)[number];

export type ContentKind = "ipv4" | "ipv6" | "hostname" | "text" | "base64";

export interface RecordTypeInfo {
  payload: "content" | "data";
  content?: ContentKind;
  /** JSON Schema of `data`, keyed by Cloudflare's field names. */
  data?: JsonSchema;
  proxiable: boolean;
  priority: "required" | "none";
  /** Field (in content or data) that names another host and must not be an IP address. */
  target?: "content" | "data.target";
}

const u8 = { type: "integer", minimum: 0, maximum: 255 };
const u16 = { type: "integer", minimum: 0, maximum: 65535 };
const hex = { type: "string", pattern: "^[0-9A-Fa-f]+$" };
const host = { type: "string", minLength: 1, maxLength: 253 };
const text = { type: "string" };

function dataSchema(properties: Record<string, unknown>, required = Object.keys(properties)): JsonSchema {
  return { type: "object", additionalProperties: false, required, properties };
}

const tlsaLike = dataSchema({ usage: u8, selector: u8, matching_type: u8, certificate: hex });
const svcbLike = dataSchema({ priority: u16, target: host, value: text }, ["priority", "target"]);

export const recordTypes: Record<DnsRecordType, RecordTypeInfo> = {
  A: { payload: "content", content: "ipv4", proxiable: true, priority: "none" },
  AAAA: { payload: "content", content: "ipv6", proxiable: true, priority: "none" },
  CNAME: { payload: "content", content: "hostname", proxiable: true, priority: "none", target: "content" },
  MX: { payload: "content", content: "hostname", proxiable: false, priority: "required", target: "content" },
  TXT: { payload: "content", content: "text", proxiable: false, priority: "none" },
  NS: { payload: "content", content: "hostname", proxiable: false, priority: "none", target: "content" },
  PTR: { payload: "content", content: "hostname", proxiable: false, priority: "none" },
  OPENPGPKEY: { payload: "content", content: "base64", proxiable: false, priority: "none" },
  SRV: {
    payload: "data", proxiable: false, priority: "none", target: "data.target",
    data: dataSchema({ priority: u16, weight: u16, port: u16, target: host }),
  },
  CAA: {
    payload: "data", proxiable: false, priority: "none",
    data: dataSchema({ flags: u8, tag: { type: "string", enum: ["issue", "issuewild", "iodef"] }, value: { type: "string", minLength: 1 } }),
  },
  DS: { payload: "data", proxiable: false, priority: "none", data: dataSchema({ key_tag: u16, algorithm: u8, digest_type: u8, digest: hex }) },
  TLSA: { payload: "data", proxiable: false, priority: "none", data: tlsaLike },
  SMIMEA: { payload: "data", proxiable: false, priority: "none", data: tlsaLike },
  SSHFP: { payload: "data", proxiable: false, priority: "none", data: dataSchema({ algorithm: u8, type: u8, fingerprint: hex }) },
  NAPTR: {
    payload: "data", proxiable: false, priority: "none",
    data: dataSchema({ order: u16, preference: u16, flags: text, service: text, regex: text, replacement: host }),
  },
  LOC: {
    payload: "data", proxiable: false, priority: "none",
    data: dataSchema(
      {
        lat_degrees: { type: "integer", minimum: 0, maximum: 90 },
        lat_minutes: { type: "integer", minimum: 0, maximum: 59 },
        lat_seconds: { type: "number", minimum: 0, maximum: 59.999 },
        lat_direction: { enum: ["N", "S"] },
        long_degrees: { type: "integer", minimum: 0, maximum: 180 },
        long_minutes: { type: "integer", minimum: 0, maximum: 59 },
        long_seconds: { type: "number", minimum: 0, maximum: 59.999 },
        long_direction: { enum: ["E", "W"] },
        altitude: { type: "number", minimum: -100000, maximum: 42849672.95 },
        size: { type: "number", minimum: 0, maximum: 90000000 },
        precision_horz: { type: "number", minimum: 0, maximum: 90000000 },
        precision_vert: { type: "number", minimum: 0, maximum: 90000000 },
      },
      ["lat_degrees", "lat_minutes", "lat_seconds", "lat_direction", "long_degrees", "long_minutes", "long_seconds", "long_direction"],
    ),
  },
  HTTPS: { payload: "data", proxiable: false, priority: "none", data: svcbLike },
  SVCB: { payload: "data", proxiable: false, priority: "none", data: svcbLike },
  URI: { payload: "data", proxiable: false, priority: "required", data: dataSchema({ weight: u16, target: { type: "string", minLength: 1 } }) },
  CERT: { payload: "data", proxiable: false, priority: "none", data: dataSchema({ type: u16, key_tag: u16, algorithm: u8, certificate: text }) },
  DNSKEY: { payload: "data", proxiable: false, priority: "none", data: dataSchema({ flags: u16, protocol: u8, algorithm: u8, public_key: text }) },
};

export const proxiableTypes = Object.entries(recordTypes).filter(([, info]) => info.proxiable).map(([type]) => type);

/** "data: { priority, weight, port, target }" — for hints. */
export function payloadHint(type: DnsRecordType): string {
  const info = recordTypes[type];
  if (info.payload === "content") return `${type} records take \`content\` (${info.content})`;
  const fields = Object.keys((info.data?.properties ?? {}) as object);
  return `${type} records take \`data: { ${fields.join(", ")} }\``;
}

/** "an MX record", "a CNAME record" (by how the letters are spoken). */
export function withArticle(type: string): string {
  return `${/^[AEFHILMNORSX]/.test(type) ? "an" : "a"} ${type}`;
}
