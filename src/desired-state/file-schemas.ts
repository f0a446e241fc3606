// The JSON Schemas of whole files, composed from the kinds: the zone file from every zone-file
// kind's keys, one file schema per kind with files of its own, and the stack file.
// scripts/generate-schemas.ts writes them to schemas/ for editors; the loader validates against them.
import { fragment, type FilePlacement, type JsonSchema, type ZonePlacement } from "../kinds/kind.ts";
import { kinds, kindsInApplyOrder } from "../kinds/registry.ts";
import { stackSchema } from "./stack-schema.ts";

const base = "https://cf-gitops.dev/schemas";

export const zoneNamePattern = "^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$";

const zoneKeys = kindsInApplyOrder.flatMap((kind) => (kind.placement.scope === "zone" ? Object.entries((kind.placement as ZonePlacement).keys) : []));

export const zoneFileSchema: JsonSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: `${base}/zone.schema.json`,
  title: "cf-gitops zone file",
  description: `desired-state/zones/<zone>.yaml: one Cloudflare zone (${zoneKeys.map(([key]) => key).join(", ")}).`,
  type: "object",
  additionalProperties: false,
  required: ["zone"],
  properties: {
    zone: { description: "The zone (domain) name, lower case; the file is named <zone>.yaml.", type: "string", pattern: zoneNamePattern },
    ...Object.fromEntries(zoneKeys.map(([key, spec]) => [key, { description: spec.description, ...spec.schema }])),
  },
};

function ownFileSchema(placement: FilePlacement, schema: JsonSchema): JsonSchema {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: `${base}/${placement.file}.schema.json`,
    title: `cf-gitops ${placement.file} file`,
    description: placement.description,
    ...fragment(schema),
  };
}

export const stackFileSchema: JsonSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: `${base}/stack.schema.json`,
  ...stackSchema,
};

type OwnFileKind = Extract<(typeof kinds)[number]["placement"], { scope: "file" }>["file"];
export type FileKind = "zone" | "stack" | OwnFileKind;

export const fileSchemas = {
  zone: zoneFileSchema,
  ...Object.fromEntries(kinds.flatMap((kind) => (kind.placement.scope === "file" ? [[kind.placement.file, ownFileSchema(kind.placement, kind.schema)]] : []))),
  stack: stackFileSchema,
} as Record<FileKind, JsonSchema>;
