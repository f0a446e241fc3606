// The JSON Schemas of whole files, composed from the kinds' fragments. scripts/generate-schemas.ts
// writes them to schemas/ for editors; the loader validates against the same objects.
import type { JsonSchema } from "../kinds/kind.ts";
import { kindById } from "../kinds/registry.ts";
import { dnsIgnoreSchema } from "../kinds/dns-record/schema.ts";
import { stackSchema } from "./stack-schema.ts";

const base = "https://cf-gitops.dev/schemas";

function fragment(id: string): JsonSchema {
  const kind = kindById(id);
  if (!kind) throw new Error(`kind ${id} is not registered`);
  const { title: _title, ...rest } = kind.schema;
  return rest;
}

export const zoneNamePattern = "^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$";

export const zoneFileSchema: JsonSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: `${base}/zone.schema.json`,
  title: "cf-gitops zone file",
  description: "desired-state/zones/<zone>.yaml: one Cloudflare zone's settings, DNS records and WAF custom rules.",
  type: "object",
  additionalProperties: false,
  required: ["zone"],
  properties: {
    zone: { description: "The zone (domain) name, lower case; the file is named <zone>.yaml.", type: "string", pattern: zoneNamePattern },
    settings: fragment("zone-settings"),
    dns: { description: "Every DNS record of the zone (records not listed are deleted, except `ignore:` matches).", type: "array", items: fragment("dns-record") },
    ignore: { description: "Live records left alone.", type: "array", items: dnsIgnoreSchema },
    firewall: { description: "WAF custom rules, evaluated in this order.", type: "array", items: fragment("firewall-rule") },
  },
};

export const serviceFileSchema: JsonSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: `${base}/service.schema.json`,
  title: "cf-gitops service file",
  description: "desired-state/services/<service>.yaml: a service published through Cloudflare Tunnel.",
  ...fragment("tunnel-service"),
};

export const stackFileSchema: JsonSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: `${base}/stack.schema.json`,
  ...stackSchema,
};

export const fileSchemas = { zone: zoneFileSchema, service: serviceFileSchema, stack: stackFileSchema } as const;
export type FileKind = keyof typeof fileSchemas;
