// Phase 1: ajv against the file schemas (compiled ahead of time, see shared/validators.ts), with errors
// turned into diagnostics that point at the offending key or value and suggest the closest known key
// ("proxy" -> "proxied").
import type { ErrorObject } from "ajv";
import type { DnsRecordType } from "../kinds/dns-record/spec.ts";
import { dnsRecordTypes } from "../kinds/dns-record/record-types.ts";
import { payloadHint } from "../kinds/dns-record/record-types.ts";
import { didYouMean } from "./did-you-mean.ts";
import { fileSchemas, type FileKind } from "./file-schemas.ts";
import { validatorFor } from "../shared/validators.ts";
import type { ParsedYaml } from "./parse-yaml.ts";
import { pathLocation } from "./source-map.ts";
import type { Diagnostic } from "./types.ts";

function toPath(instancePath: string): (string | number)[] {
  if (instancePath === "") return [];
  return instancePath.slice(1).split("/").map((part) => {
    const text = part.replace(/~1/g, "/").replace(/~0/g, "~");
    return /^\d+$/.test(text) ? Number(text) : text;
  });
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return JSON.stringify(value);
}

function fieldName(path: (string | number)[]): string {
  const last = [...path].reverse().find((step) => typeof step === "string");
  return last === undefined ? "the file" : `\`${last}\``;
}

function alternatives(schema: unknown): string {
  const options = (schema as { anyOf?: Array<{ const?: unknown; type?: string }> }).anyOf ?? [];
  return options.map((option) => (option.const !== undefined ? JSON.stringify(option.const) : `a${option.type === "integer" ? "n" : ""} ${option.type}`)).join(" or ");
}

interface Translated {
  code: string;
  message: string;
  hint?: string;
  atKey?: boolean;
  extraPath?: string[];
}

function translate(error: ErrorObject): Translated | undefined {
  const path = toPath(error.instancePath);
  const field = fieldName(path);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      const guess = didYouMean(key, known);
      return { code: "schema-unknown-key", message: `unknown key "${key}"`, hint: guess ? `did you mean "${guess}"?` : `allowed keys: ${known.join(", ")}`, atKey: true, extraPath: [key] };
    }
    case "required": {
      const key = String(params.missingProperty);
      const type = (error.data as { type?: unknown } | undefined)?.type;
      const hint = (key === "content" || key === "data") && dnsRecordTypes.includes(type as DnsRecordType) ? payloadHint(type as DnsRecordType) : undefined;
      return { code: "schema-missing-key", message: `missing required key "${key}"`, ...(hint ? { hint } : {}) };
    }
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const guess = typeof error.data === "string" ? didYouMean(error.data, allowed) : undefined;
      return { code: "schema-invalid-value", message: `${field} must be one of ${allowed.join(", ")}; got ${describe(error.data)}`, ...(guess ? { hint: `did you mean "${guess}"?` } : {}) };
    }
    case "const":
      return { code: "schema-invalid-value", message: `${field} must be ${JSON.stringify(params.allowedValue)}; got ${describe(error.data)}` };
    case "type":
      return { code: "schema-wrong-type", message: `${field} must be ${article(String(params.type))}; got ${describe(error.data)}`, ...(path.length === 0 ? { hint: "the file must be a YAML mapping" } : {}) };
    case "anyOf":
      return { code: "schema-invalid-value", message: `${field} must be ${alternatives(error.schema === undefined ? error.parentSchema : { anyOf: error.schema })}; got ${describe(error.data)}` };
    case "pattern": {
      const description = (error.parentSchema as { description?: string }).description;
      return { code: "schema-invalid-value", message: `${field} has an invalid value ${describe(error.data)}`, ...(description ? { hint: description } : {}) };
    }
    case "if":
      return undefined;
    case "minLength":
      if (params.limit === 1) return { code: "schema-out-of-range", message: `${field} must not be empty` };
      return { code: "schema-out-of-range", message: `${field} must be at least ${String(params.limit)} characters long` };
    case "maxLength":
      return { code: "schema-out-of-range", message: `${field} must be at most ${String(params.limit)} characters long; it has ${typeof error.data === "string" ? error.data.length : "more"}` };
    default:
      return { code: error.keyword.startsWith("min") || error.keyword.startsWith("max") ? "schema-out-of-range" : "schema-invalid-value", message: `${field} ${error.message ?? "is invalid"}` };
  }
}

function article(type: string): string {
  const name = type === "object" ? "mapping" : type === "array" ? "list" : type;
  return /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`;
}

/** Errors of an anyOf's branches are noise next to the anyOf's own error. */
function withoutBranchNoise(errors: ErrorObject[]): ErrorObject[] {
  const anyOfPaths = errors.filter((error) => error.keyword === "anyOf").map((error) => `${error.instancePath}|${error.schemaPath}/`);
  return errors.filter((error) => !anyOfPaths.some((prefix) => `${error.instancePath}|${error.schemaPath}`.startsWith(prefix)));
}

export interface SchemaCheck {
  diagnostics: Diagnostic[];
  /** Top-level paths (e.g. "dns/3") whose object failed, so phase 2 can skip them. */
  failedItems: Set<string>;
}

export function checkSchema(kind: FileKind, parsed: ParsedYaml): SchemaCheck {
  const validate = validatorFor("file-schema", fileSchemas[kind]);
  const failedItems = new Set<string>();
  if (validate(parsed.value)) return { diagnostics: [], failedItems };
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const error of withoutBranchNoise(validate.errors ?? [])) {
    const translated = translate(error);
    if (!translated) continue;
    const path = toPath(error.instancePath);
    failedItems.add(path.slice(0, 2).join("/"));
    const fullPath = [...path, ...(translated.extraPath ?? [])];
    const location = pathLocation(parsed, fullPath, translated.atKey ? { atKey: true } : {});
    const key = `${location.line}:${location.column}:${translated.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push({ ...location, severity: "error", code: translated.code, message: translated.message, ...(translated.hint ? { hint: translated.hint } : {}) });
  }
  return { diagnostics, failedItems };
}
