// Parameter validation with ajv: defaults from the policy's schema are filled in. The built-ins'
// validators are compiled at build time (shared/validators.ts).
import type { ErrorObject } from "ajv";
import { validatorFor } from "../shared/validators.ts";
import { paramsSchemaOf } from "./define-policy.ts";
import type { AnyPolicy } from "./types.ts";

export interface ParamsProblem {
  /** JSON pointer inside params, e.g. /max_percent. */
  path: string;
  message: string;
  /** The problem is the key itself (an unknown parameter), not its value. */
  key?: boolean;
}

export type ParamsResult = { ok: true; params: Record<string, unknown> } | { ok: false; problems: ParamsProblem[] };

function describe(error: ErrorObject): ParamsProblem {
  if (error.keyword === "additionalProperties") {
    const extra = String((error.params as { additionalProperty: string }).additionalProperty);
    return { path: `${error.instancePath}/${extra}`, message: `unknown parameter "${extra}"`, key: true };
  }
  const where = error.instancePath ? error.instancePath.slice(1).replaceAll("/", ".") : "params";
  const allowed = error.keyword === "enum" ? `: ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")}` : "";
  return { path: error.instancePath, message: `${where} ${error.message ?? "is invalid"}${allowed}` };
}

/** Validates (a copy of) the given params and fills in defaults. */
export function resolveParams(policy: AnyPolicy, given: unknown): ParamsResult {
  const params = structuredClone(given ?? {}) as Record<string, unknown>;
  const validate = validatorFor("policy-params", paramsSchemaOf(policy));
  if (validate(params)) return { ok: true, params };
  return { ok: false, problems: (validate.errors ?? []).map(describe) };
}
