// JSON Schema of a list file (desired-state/lists/<list>.yaml).
import type { JsonSchema } from "../kind.ts";
import { listKinds } from "./normalise.ts";

const comment = { type: "string", maxLength: 500, description: "Shown next to the item in the dashboard." };

const itemSchema: JsonSchema = {
  anyOf: [
    { type: "string", description: "An IP address or CIDR (ip lists) or a host name (hostname lists)." },
    { type: "integer", description: "An AS number (asn lists)." },
    {
      type: "object",
      additionalProperties: false,
      minProperties: 1,
      properties: {
        ip: { type: "string", description: "IPv4 address or CIDR /8 to /32, IPv6 address or CIDR /12 to /128." },
        asn: { type: "integer", minimum: 0, maximum: 4294967295 },
        hostname: {
          description: "A host name, optionally starting with *. (Cloudflare's { url_hostname } is accepted too).",
          anyOf: [{ type: "string" }, { type: "object", additionalProperties: false, required: ["url_hostname"], properties: { url_hostname: { type: "string" } } }],
        },
        comment,
      },
    },
  ],
};

export const listSchema: JsonSchema = {
  title: "Account list",
  type: "object",
  additionalProperties: false,
  required: ["list", "kind"],
  properties: {
    list: {
      description: "The list's name, used as $name in expressions: lower-case letters, digits and underscores (Cloudflare's rule), at most 50.",
      type: "string",
      pattern: "^[a-z0-9_]{1,50}$",
    },
    kind: { description: "What the list holds: ip (addresses and CIDRs), asn or hostname.", enum: [...listKinds] },
    description: { type: "string", maxLength: 500 },
    read_only: {
      description: "Managed outside cf-gitops: expressions may use it, cf-gitops never changes or deletes it (no items here).",
      type: "boolean",
    },
    items: { description: "Every item of the list: replaced in bulk on apply.", type: "array", items: itemSchema },
  },
};
