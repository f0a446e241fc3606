// JSON Schema of one DNS record in a zone file's `dns:` list.
import { dnsRecordTypes } from "./record-types.ts";
import type { JsonSchema } from "../kind.ts";
import { recordTypes } from "./record-types.ts";

const perType = dnsRecordTypes.map((type) => {
  const info = recordTypes[type];
  const then: JsonSchema =
    info.payload === "content"
      ? {
          required: info.priority === "required" ? ["content", "priority"] : ["content"],
          // An empty TXT record is valid in Cloudflare (and some verifications use one).
          ...(type === "TXT" ? {} : { properties: { content: { minLength: 1 } } }),
        }
      : { required: info.priority === "required" ? ["data", "priority"] : ["data"], properties: { data: info.data } };
  return { if: { properties: { type: { const: type } }, required: ["type"] }, then };
});

export const dnsRecordSchema: JsonSchema = {
  title: "DNS record",
  type: "object",
  additionalProperties: false,
  required: ["name", "type"],
  properties: {
    name: {
      description: '"@" for the zone apex, else a name relative to the zone ("www", "_dmarc", "ööö" = "xn--ndaaa"); a trailing dot makes it absolute.',
      type: "string",
      minLength: 1,
      maxLength: 253,
      // Letters and digits of any script: Unicode labels are stored in Punycode (canonicalHost).
      pattern: "^(@|[\\p{L}\\p{N}_*]([\\p{L}\\p{N}\\p{M}_.*-]*[\\p{L}\\p{N}\\p{M}_.])?)$",
    },
    type: { description: "Record type.", enum: [...dnsRecordTypes] },
    content: {
      description: "Value of unstructured types (A, AAAA, CNAME, MX, TXT, NS, PTR, OPENPGPKEY). TXT is the plain text; quoting and splitting are done for you.",
      type: "string",
      maxLength: 4096,
    },
    data: { description: "Value of structured types, with Cloudflare's field names.", type: "object" },
    priority: { description: "MX and URI only.", type: "integer", minimum: 0, maximum: 65535 },
    proxied: { description: "Proxy through Cloudflare (A, AAAA and CNAME only). Default false.", type: "boolean" },
    ttl: {
      description: '"auto" (Cloudflare\'s 1) or 60..86400 seconds. Default auto. Proxied records are always auto.',
      anyOf: [{ const: "auto" }, { type: "integer" }],
    },
    comment: { type: "string", maxLength: 500 },
    tags: { type: "array", items: { type: "string", minLength: 1, maxLength: 255 }, uniqueItems: true },
  },
  allOf: perType,
};

export const dnsIgnoreSchema: JsonSchema = {
  title: "DNS ownership exception",
  description: "Live records matching one of these are left alone (never created, updated or deleted).",
  type: "object",
  additionalProperties: false,
  required: ["name"],
  properties: {
    name: { description: 'Glob on the relative name, e.g. "_acme-challenge.*".', type: "string", minLength: 1 },
    type: { enum: [...dnsRecordTypes] },
  },
};
