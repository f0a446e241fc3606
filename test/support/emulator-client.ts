// The real `cloudflare` SDK pointed at an in-process emulator, with every response body captured
// so tests can validate each one against the OpenAPI schema (or name the SDK type it was checked against).
import Cloudflare from "cloudflare";
import { apiRouter, sdkTypes } from "../../src/emulator/families/registry.ts";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../src/emulator/index.ts";
import { assertMatchesSchema, hasOperation, templateFor } from "./openapi.ts";

export interface CapturedResponse {
  method: string;
  path: string;
  status: number;
  body: unknown;
}

export interface EmulatorClient {
  emulator: RunningEmulator;
  client: Cloudflare;
  captured: CapturedResponse[];
  /** Raw request through the emulator (for endpoints the SDK lacks, and error shapes). */
  raw(method: string, path: string, body?: unknown, token?: string | null): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }>;
}

export async function startWithClient(options: EmulatorOptions = {}, token = "test-token"): Promise<EmulatorClient> {
  const emulator = await startEmulator(options);
  const captured: CapturedResponse[] = [];
  const recordingFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const response = await fetch(input, init);
    const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
    const body: unknown = await response.clone().json().catch(() => undefined);
    captured.push({ method: (init?.method ?? "GET").toUpperCase(), path: url.pathname.replace(/^\/client\/v4/, ""), status: response.status, body });
    return response;
  };
  const client = new Cloudflare({ apiToken: token, baseURL: emulator.baseUrl, maxRetries: 0, fetch: recordingFetch });
  const raw: EmulatorClient["raw"] = async (method, path, body, rawToken = token) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (rawToken !== null) headers.authorization = `Bearer ${rawToken}`;
    const response = await fetch(`${emulator.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = (await response.json()) as Record<string, unknown>;
    captured.push({ method, path: new URL(`${emulator.baseUrl}${path}`).pathname.replace(/^\/client\/v4/, ""), status: response.status, body: json });
    return { status: response.status, headers: response.headers, body: json };
  };
  return { emulator, client, captured, raw };
}

/**
 * Routes whose responses are checked against an SDK type instead of the 2024 OpenAPI subset (it
 * lacks them, or describes them wrongly): each family names its own (src/emulator/families/<family>/
 * index.ts, `sdkTypes`). The SDK is the client in every test, and its types are the reference for
 * newer endpoints.
 */
export const checkedAgainstSdkTypes: Record<string, string> = sdkTypes();

/**
 * Bodies the 2024 schema cannot describe although Cloudflare returns them: its RuleAction pattern
 * ^[a-z]+$ rejects actions with underscores (set_cache_settings, managed_challenge), its redirect
 * target_url is a oneOf whose two branches both match any object, and its MX content format
 * "hostname" rejects RFC 7505's null MX ("."). These get the envelope check; their shapes are
 * asserted by test/emulator-phases.test.ts and test/emulator-dns-edge.test.ts.
 */
function schemaGap(body: unknown): boolean {
  const result = (body as { result?: unknown } | undefined)?.result;
  const objects = (Array.isArray(result) ? result : [result]) as Array<Record<string, unknown> | null>;
  return objects.some((item) => {
    if (!item || typeof item !== "object") return false;
    if (item.type === "MX" && item.content === ".") return true;
    const rules = item.rules as Array<{ action?: unknown; action_parameters?: unknown }> | undefined;
    // (and a response header `add`, which the SDK's RewriteRule has and the 2024 schema lacks)
    const adds = (rule: { action_parameters?: unknown }) => Object.values((rule.action_parameters as { headers?: Record<string, { operation?: unknown }> } | undefined)?.headers ?? {}).some((header) => header.operation === "add");
    return Array.isArray(rules) && rules.some((rule) => typeof rule.action === "string" && (rule.action.includes("_") || rule.action === "redirect" || adds(rule)));
  });
}

const router = apiRouter();

/** "METHOD /template" of a request, from the emulator's own route list (the path itself when none matches). */
export function routeOf(method: string, path: string): string {
  const match = router.match(method, path);
  return `${method} ${match.kind === "found" ? match.route.template : match.kind === "method-not-allowed" ? match.template : path}`;
}

/** The OpenAPI subset's template for a route, where its operation is there (it spells some ids otherwise). */
function schemaTemplate(method: string, template: string, path: string): string | undefined {
  if (hasOperation(method, template)) return template;
  const spelled = templateFor(path);
  return spelled && hasOperation(method, spelled) ? spelled : undefined;
}

/**
 * Keys that real responses carry as null where the 2024 schema types them as strings or objects.
 * They are dropped before the schema check; test/emulator-shapes.test.ts pins them instead.
 * Recorded real responses: cf-terraforming testdata/cloudflare/v5/cloudflare_dns_record.yaml
 * (`comment: null`), v5/cloudflare_zero_trust_tunnel_cloudflared.yaml (`conns_active_at`,
 * `deleted_at`: null), and a zone read on 2026-08-11 (`owner.id`/`owner.email`, `tenant.*`,
 * `tenant_unit.id`, `vanity_name_servers_ips`: null), and a token verification on 2026-05-27
 * (`not_before`, `expires_on`: null).
 */
const recordedNulls = new Set(["comment", "conns_active_at", "conns_inactive_at", "deleted_at", "vanity_name_servers_ips", "id", "email", "name", "not_before", "expires_on"]);

function withoutRecordedNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutRecordedNulls);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).filter(([key, child]) => !(child === null && recordedNulls.has(key))).map(([key, child]) => [key, withoutRecordedNulls(child)]),
  );
}

/**
 * Validates every captured response: 2xx bodies against the operation's 200 schema (or, for
 * routes the schema lacks, the envelope shape plus the named SDK type's fields checked by the
 * test itself); error bodies against Cloudflare's error envelope. Returns the routes checked.
 */
export function validateCaptured(captured: CapturedResponse[]): string[] {
  const routes = new Set<string>();
  for (const response of captured) {
    const route = routeOf(response.method, response.path);
    routes.add(route);
    const [method, template] = route.split(" ") as [string, string];
    const inSchema = schemaTemplate(method, template, response.path);
    const body = response.body as Record<string, unknown>;
    if (response.status === 204) {
      if (response.body !== undefined) throw new Error(`${route} answered 204 with a body`);
    } else if (response.status >= 200 && response.status < 300) {
      if (checkedAgainstSdkTypes[route] || (inSchema && schemaGap(body))) assertEnvelope(body, true);
      else if (inSchema) assertMatchesSchema(method, inSchema, withoutRecordedNulls(body));
      else throw new Error(`no schema and no SDK type named for ${route} (name one in its family's sdkTypes)`);
    } else {
      assertEnvelope(body, false);
    }
  }
  return [...routes];
}

// Error codes are positive integers; the 2024 schema's minimum of 1000 does not hold for Cloudflare's
// own 429 code 971, which the emulator returns as Cloudflare does.
function assertEnvelope(body: Record<string, unknown>, success: boolean): void {
  const errors = body.errors as Array<{ code: unknown; message: unknown }> | undefined;
  const ok =
    body.success === success &&
    Array.isArray(errors) &&
    Array.isArray(body.messages) &&
    "result" in body &&
    (success ? errors.length === 0 : errors.length > 0 && errors.every((e) => Number.isInteger(e.code) && (e.code as number) > 0 && typeof e.message === "string"));
  if (!ok) throw new Error(`not a Cloudflare ${success ? "success" : "error"} envelope: ${JSON.stringify(body).slice(0, 300)}`);
}
