// JSON Schema of a list file (desired-state/lists/<list>.yaml).
import type { JsonSchema } from "../kind.ts";
import { listKinds } from "./normalise.ts";

const comment = { type: "string", maxLength: 500, description: "Shown next to the item in the dashboard." };

/** A URL redirect (redirect lists); status and the URLs are checked by the list rules, with their columns. */
const redirectItemSchema: JsonSchema = {
  type: "object",
  additionalProperties: false,
  required: ["source", "target"],
  properties: {
    source: { type: "string", minLength: 1, description: "The URL requests must match, without a scheme (or http://, https://), query or fragment: example.com/old." },
    target: { type: "string", minLength: 1, description: "Where to: an absolute URL, https://example.com/new." },
    status: { type: "integer", description: "301 (default), 302, 307 or 308." },
    preserve_query_string: { type: "boolean", description: "Keep the request's query string. Default false." },
    include_subdomains: { type: "boolean", description: "Match the source's subdomains too. Default false." },
    subpath_matching: { type: "boolean", description: "Match every path under the source's. Default false." },
    preserve_path_suffix: { type: "boolean", description: "With subpath_matching: append the rest of the path to the target. Default false." },
    comment,
  },
};

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
    redirectItemSchema,
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
    kind: { description: "What the list holds: ip (addresses and CIDRs), asn, hostname, or redirect (URL redirects: Bulk Redirects).", enum: [...listKinds] },
    enabled: {
      description: "Redirect lists: turn the redirects on with the account's Bulk Redirect rule (kind: redirect only; default false).",
      type: "boolean",
    },
    description: { type: "string", maxLength: 500 },
    read_only: {
      description: "Managed outside cf-gitops: expressions may use it, cf-gitops never changes or deletes it (no items here).",
      type: "boolean",
    },
    items: { description: "Every item of the list: replaced in bulk on apply.", type: "array", items: itemSchema },
  },
};
