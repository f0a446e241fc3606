// Validates emulator responses against Cloudflare's OpenAPI schema (the 2024 subset copied from
// ../shared/reference into test/support). Finds the operation by method + path template, resolves
// $refs (including components/responses) and compiles its 200 response schema with ajv.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";

type Json = Record<string, unknown>;

const specPath = fileURLToPath(new URL("./cloudflare-openapi-subset.json", import.meta.url));
// Every "#/components/…" ref points into the schema registered under the id "cf".
const spec = JSON.parse(readFileSync(specPath, "utf8").replaceAll('"$ref":"#/components/', '"$ref":"cf#/components/').replaceAll('"$ref": "#/components/', '"$ref": "cf#/components/')) as {
  paths: Record<string, Record<string, Json>>;
  components: Json;
};

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
// ajv-formats is CommonJS; its default export is the plugin function.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
addFormats(ajv);
ajv.addSchema({ $id: "cf", components: spec.components });
const cache = new Map<string, ValidateFunction>();

function resolve(node: Json): Json {
  const ref = node.$ref;
  if (typeof ref !== "string") return node;
  const path = ref.replace(/^cf#\//, "").split("/");
  let target: unknown = { components: spec.components };
  for (const part of path) target = (target as Json)[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  if (target === undefined) throw new Error(`unresolvable $ref ${ref}`);
  return resolve(target as Json);
}

export function hasOperation(method: string, template: string): boolean {
  return spec.paths[template]?.[method.toLowerCase()] !== undefined;
}

/** The compiled validator of an operation's response schema (200 unless told). */
export function responseValidator(method: string, template: string, status = "200"): ValidateFunction {
  const key = `${method} ${template} ${status}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const operation = spec.paths[template]?.[method.toLowerCase()];
  if (!operation) throw new Error(`the OpenAPI subset has no operation ${method.toUpperCase()} ${template}`);
  const responses = operation.responses as Record<string, Json>;
  const response = responses[status] ?? responses[`${status[0]}XX`];
  if (!response) throw new Error(`${method} ${template} has no ${status} response in the schema`);
  const schema = (resolve(response).content as Record<string, Json> | undefined)?.["application/json"]?.schema;
  if (!schema) throw new Error(`${method} ${template} ${status} has no application/json schema`);
  const validate = ajv.compile(schema as Json);
  cache.set(key, validate);
  return validate;
}

/** Throws with ajv's messages when `body` (the whole envelope) does not match the operation's schema. */
export function assertMatchesSchema(method: string, template: string, body: unknown, status = "200"): void {
  const validate = responseValidator(method, template, status);
  if (!validate(body)) {
    const problems = (validate.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
    throw new Error(`response of ${method.toUpperCase()} ${template} does not match the OpenAPI schema:\n  ${problems.join("\n  ")}`);
  }
}

const templates = Object.keys(spec.paths).map((template) => ({ template, parts: template.split("/").filter(Boolean) }));

/** The spec's path template for a concrete path below /client/v4, preferring literal segments. */
export function templateFor(path: string): string | undefined {
  const parts = path.split("/").filter(Boolean);
  let best: { template: string; literals: number } | undefined;
  for (const candidate of templates) {
    if (candidate.parts.length !== parts.length) continue;
    let literals = 0;
    const fits = candidate.parts.every((segment, i) => {
      if (segment.startsWith("{")) return true;
      literals++;
      return segment === parts[i];
    });
    if (fits && (!best || literals > best.literals)) best = { template: candidate.template, literals };
  }
  return best?.template;
}
