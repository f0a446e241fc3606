// ajv validators, compiled ahead of time where the schema is known at build time. The build
// (scripts/build.ts) writes them as ajv standalone code to dist/shared/precompiled-validators.cjs,
// keyed by a hash of the profile and the schema: the compiled CLI then never loads ajv's compiler
// for the file schemas or the built-in policies' parameters. Any other schema (a custom policy's
// params, or everything when running from src/) is compiled with ajv on first use.
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import type { Ajv, Options, ValidateFunction } from "ajv";

/** One set of ajv options per use; a validator is only valid for the options it was built with. */
export const validatorProfiles = {
  // The schemas are ours and tested, so ajv skips compiling the draft-07 meta-schema to check them.
  "file-schema": { allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false, meta: false, validateSchema: false },
  "policy-params": { allErrors: true, useDefaults: true, strict: false },
} satisfies Record<string, Options>;

export type ValidatorProfile = keyof typeof validatorProfiles;

export const precompiledFileName = "precompiled-validators.cjs";

const require = createRequire(import.meta.url);
const compiled = new Map<ValidatorProfile, WeakMap<object, ValidateFunction>>();
const instances = new Map<ValidatorProfile, Ajv>();
let precompiled: Record<string, ValidateFunction> | null | undefined;

export function validatorKey(profile: ValidatorProfile, schema: object): string {
  return createHash("sha256").update(profile).update("\0").update(JSON.stringify(schema)).digest("hex").slice(0, 24);
}

function loadPrecompiled(): Record<string, ValidateFunction> | null {
  try {
    return (require(`./${precompiledFileName}`) as { validators: Record<string, ValidateFunction> }).validators;
  } catch {
    return null;
  }
}

function compile(profile: ValidatorProfile, schema: object): ValidateFunction {
  let ajv = instances.get(profile);
  if (!ajv) {
    const ajvModule = require("ajv") as { Ajv: typeof Ajv };
    ajv = new ajvModule.Ajv(validatorProfiles[profile]);
    instances.set(profile, ajv);
  }
  return ajv.compile(schema);
}

/** The validator of a schema, once per schema object. A precompiled one is used only when its key
 * (profile + schema) matches, so a stale build can never check against an old schema. */
export function validatorFor(profile: ValidatorProfile, schema: object): ValidateFunction {
  let cache = compiled.get(profile);
  if (!cache) compiled.set(profile, (cache = new WeakMap()));
  let validate = cache.get(schema);
  if (validate) return validate;
  if (precompiled === undefined) precompiled = loadPrecompiled();
  validate = precompiled?.[validatorKey(profile, schema)] ?? compile(profile, schema);
  cache.set(schema, validate);
  return validate;
}
