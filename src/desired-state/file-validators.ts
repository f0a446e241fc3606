// The ajv validator of each file kind. The build (scripts/build.ts) writes them ahead of time as
// ajv standalone code (dist/desired-state/file-validators.cjs), so the compiled CLI never loads
// ajv's compiler; running from src/ (tests, a checkout without a build) compiles them on first use.
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import type { Ajv, Options, ValidateFunction } from "ajv";
import { fileSchemas, type FileKind } from "./file-schemas.ts";

/** Shared by the build and the fallback. The schemas are ours and tested, so ajv skips compiling
 * the draft-07 meta-schema to check them (a third of the start-up time). */
export const fileSchemaAjvOptions: Options = { allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false, meta: false, validateSchema: false };

/** What the generated module exports: one validator per kind, and the hash of the schema it was built from. */
export interface PrecompiledValidators {
  validators: Partial<Record<FileKind, ValidateFunction>>;
  schemaHashes: Partial<Record<FileKind, string>>;
}

export const precompiledFileName = "file-validators.cjs";

const require = createRequire(import.meta.url);
const validators = new Map<FileKind, ValidateFunction>();
let precompiled: PrecompiledValidators | null | undefined;
let ajv: Ajv | undefined;

export function schemaHash(schema: unknown): string {
  return createHash("sha256").update(JSON.stringify(schema)).digest("hex").slice(0, 16);
}

function loadPrecompiled(): PrecompiledValidators | null {
  try {
    return require(`./${precompiledFileName}`) as PrecompiledValidators;
  } catch {
    return null;
  }
}

function compile(kind: FileKind): ValidateFunction {
  if (!ajv) {
    const ajvModule = require("ajv") as { Ajv: typeof Ajv };
    ajv = new ajvModule.Ajv(fileSchemaAjvOptions);
  }
  return ajv.compile(fileSchemas[kind]);
}

/** Compiled once per process and file kind. A generated validator is used only while its schema
 * hash matches the schema in use, so a stale build can never check against an old schema. */
export function fileValidator(kind: FileKind): ValidateFunction {
  let validate = validators.get(kind);
  if (validate) return validate;
  if (precompiled === undefined) precompiled = loadPrecompiled();
  const ready = precompiled?.validators[kind];
  validate = ready && precompiled?.schemaHashes[kind] === schemaHash(fileSchemas[kind]) ? ready : compile(kind);
  validators.set(kind, validate);
  return validate;
}
