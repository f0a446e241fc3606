// The JSON Schemas of whole files, composed from the kinds: the zone file from every zone-file
// kind's keys, the profile file from the same keys, one file schema per kind with files of its own,
// and the stack file.
// scripts/generate-schemas.ts writes them to schemas/ for editors; the loader validates against them.
import { fragment, type FilePlacement, type JsonSchema, type ZonePlacement } from "../kinds/kind.ts";
import { kinds, kindsInApplyOrder } from "../kinds/registry.ts";
import { stackSchema } from "./stack-schema.ts";

const base = "https://cf-gitops.dev/schemas";

export const zoneNamePattern = "^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$";

const zoneKeys = kindsInApplyOrder.flatMap((kind) => (kind.placement.scope === "zone" ? Object.entries((kind.placement as ZonePlacement).keys) : []));
const zoneKeyProperties = Object.fromEntries(zoneKeys.map(([key, spec]) => [key, { description: spec.description, ...spec.schema }]));

export const profileNamePattern = "^[a-z0-9][a-z0-9_-]{0,63}$";

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
    use: {
      description: "Profiles (desired-state/profiles/<name>.yaml) whose keys this zone takes: lists come first, in this order, then the zone's own; the zone's settings win.",
      type: "array",
      items: { type: "string", pattern: profileNamePattern },
      uniqueItems: true,
    },
    ...zoneKeyProperties,
  },
};

export const profileFileSchema: JsonSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: `${base}/profile.schema.json`,
  title: "cf-gitops profile file",
  description: `desired-state/profiles/<name>.yaml: configuration shared by the zones that name it in \`use:\` (any zone-file key: ${zoneKeys.map(([key]) => key).join(", ")}). In string values, {zone} is the zone's name.`,
  type: "object",
  additionalProperties: false,
  required: ["profile"],
  properties: {
    profile: { description: "The profile's name, as zone files write it in `use:`; the file is named <profile>.yaml.", type: "string", pattern: profileNamePattern },
    description: { description: "What the profile is for.", type: "string", maxLength: 500 },
    ...zoneKeyProperties,
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
export type FileKind = "zone" | "profile" | "stack" | OwnFileKind;

export const fileSchemas = {
  zone: zoneFileSchema,
  profile: profileFileSchema,
  ...Object.fromEntries(kinds.flatMap((kind) => (kind.placement.scope === "file" ? [[kind.placement.file, ownFileSchema(kind.placement, kind.schema)]] : []))),
  stack: stackFileSchema,
} as Record<FileKind, JsonSchema>;
