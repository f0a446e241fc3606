// The Rules family's phases and what each accepts (developers.cloudflare.com/rules/...): URL
// rewrites (http_request_transform: uri path/query), header modification (request headers set or
// removed in http_request_late_transform, response headers set, added or removed in
// http_response_headers_transform; names Cloudflare keeps to itself refused), origin rules (route),
// configuration rules (set_config, the settings the SDK's SetConfigRule lists), compression rules
// (algorithms by name) and, at account level, bulk redirects (from_list of a redirect list).
import type { RuleProblem } from "./phases.ts";

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);
const text = (value: unknown): value is string => typeof value === "string" && value !== "";

/** A static value or an expression, exactly one. */
function valueOrExpression(value: unknown, pointer: string, what: string): RuleProblem[] {
  if (!isObject(value)) return [{ pointer, message: `${what} must be an object with value or expression` }];
  const given = ["value", "expression"].filter((key) => text(value[key]));
  return given.length === 1 ? [] : [{ pointer, message: `${what} must have exactly one of value or expression` }];
}

function params(rule: Record<string, unknown>, action: string): Record<string, unknown> | RuleProblem[] {
  return isObject(rule.action_parameters) ? rule.action_parameters : [{ pointer: "/action_parameters", message: `${action} needs action_parameters` }];
}

function unexpected(found: Record<string, unknown>, allowed: readonly string[], where = "/action_parameters"): RuleProblem[] {
  return Object.keys(found).filter((key) => !allowed.includes(key)).map((key) => ({ pointer: `${where}/${key}`, message: `${key} is not a parameter of this phase's action` }));
}

export function checkUriRewrite(rule: Record<string, unknown>): RuleProblem[] {
  const p = params(rule, "rewrite");
  if (Array.isArray(p)) return p;
  const problems = unexpected(p, ["uri"]);
  const uri = p.uri;
  if (!isObject(uri) || (uri.path === undefined && uri.query === undefined)) return [...problems, { pointer: "/action_parameters/uri", message: "a URL rewrite needs uri.path or uri.query" }];
  problems.push(...unexpected(uri, ["path", "query", "origin"], "/action_parameters/uri"));
  for (const part of ["path", "query"] as const) if (uri[part] !== undefined) problems.push(...valueOrExpression(uri[part], `/action_parameters/uri/${part}`, `uri.${part}`));
  return problems;
}

const headerName = /^[A-Za-z0-9_-]+$/;
type Refusal = (name: string, operation: string) => string | undefined;

const requestRefusal: Refusal = (name, operation) => {
  if ((name.startsWith("cf-") || name.startsWith("x-cf-")) && !(name === "cf-connecting-ip" && operation === "remove")) return `the ${name} header cannot be modified`;
  if (["accept-encoding", "connection", "content-length", "host", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade"].includes(name)) return `the ${name} header cannot be modified`;
  if (name === "x-forwarded-for" && operation === "remove") return "the x-forwarded-for header cannot be removed";
  if (["x-forwarded-for", "true-client-ip", "x-real-ip", "x-forwarded-proto", "cookie"].includes(name) && operation !== "remove") return `the ${name} header cannot be set`;
  return undefined;
};

const responseRefusal: Refusal = (name, operation) => {
  if (name.startsWith("cf-") || name.startsWith("x-cf-")) return `the ${name} header cannot be modified`;
  if (["server", "eh-cache-tag", "eh-cdn-cache-control"].includes(name) && operation !== "remove") return `the value of the ${name} header cannot be modified`;
  return undefined;
};

function checkHeaders(operations: readonly string[], refusal: Refusal) {
  return (rule: Record<string, unknown>): RuleProblem[] => {
    const p = params(rule, "rewrite");
    if (Array.isArray(p)) return p;
    const problems = unexpected(p, ["headers"]);
    const headers = p.headers;
    if (!isObject(headers) || Object.keys(headers).length === 0) return [...problems, { pointer: "/action_parameters/headers", message: "a header modification needs headers" }];
    for (const [name, entry] of Object.entries(headers)) {
      const pointer = `/action_parameters/headers/${name}`;
      if (!headerName.test(name)) problems.push({ pointer, message: `"${name}" is not a valid header name` });
      else if (!isObject(entry) || !operations.includes(entry.operation as string)) problems.push({ pointer: `${pointer}/operation`, message: `operation must be one of ${operations.join(", ")}` });
      else {
        const refused = refusal(name.toLowerCase(), entry.operation as string);
        if (refused) problems.push({ pointer, message: refused });
        else if (entry.operation === "remove") {
          if (entry.value !== undefined || entry.expression !== undefined) problems.push({ pointer, message: "a remove operation takes no value or expression" });
        } else problems.push(...valueOrExpression(entry, pointer, `headers.${name}`));
      }
    }
    return problems;
  };
}

export const checkRequestHeaders = checkHeaders(["set", "remove"], requestRefusal);
export const checkResponseHeaders = checkHeaders(["set", "add", "remove"], responseRefusal);

export function checkRoute(rule: Record<string, unknown>): RuleProblem[] {
  const p = params(rule, "route");
  if (Array.isArray(p)) return p;
  const problems = unexpected(p, ["host_header", "origin", "sni"]);
  if (p.host_header !== undefined && !text(p.host_header)) problems.push({ pointer: "/action_parameters/host_header", message: "host_header must be a host name" });
  if (p.origin !== undefined) {
    const origin = p.origin;
    if (!isObject(origin) || (origin.host === undefined && origin.port === undefined)) problems.push({ pointer: "/action_parameters/origin", message: "origin needs host or port" });
    else {
      if (origin.host !== undefined && !text(origin.host)) problems.push({ pointer: "/action_parameters/origin/host", message: "origin.host must be a host name" });
      const port = origin.port;
      if (port !== undefined && !(Number.isInteger(port) && (port as number) >= 1 && (port as number) <= 65535)) problems.push({ pointer: "/action_parameters/origin/port", message: `origin.port must be from 1 to 65535; got ${JSON.stringify(port)}` });
    }
  }
  if (p.sni !== undefined && !(isObject(p.sni) && text(p.sni.value))) problems.push({ pointer: "/action_parameters/sni", message: "sni must be { value: <host name> }" });
  if (p.host_header === undefined && p.origin === undefined && p.sni === undefined) problems.push({ pointer: "/action_parameters", message: "a route needs host_header, origin or sni" });
  return problems;
}

const booleans = ["automatic_https_rewrites", "bic", "content_converter", "email_obfuscation", "fonts", "hotlink_protection", "mirage", "opportunistic_encryption", "redirects_for_ai_training", "rocket_loader", "server_side_excludes", "sxg"];
const trueOnly = ["disable_apps", "disable_pay_per_crawl", "disable_rum", "disable_zaraz"];
const choices: Record<string, readonly string[]> = {
  polish: ["off", "lossless", "lossy", "webp"],
  request_body_buffering: ["none", "standard", "full"],
  response_body_buffering: ["none", "standard"],
  security_level: ["off", "essentially_off", "low", "medium", "high", "under_attack"],
  ssl: ["off", "flexible", "full", "strict", "origin_pull"],
};

export function checkSetConfig(rule: Record<string, unknown>): RuleProblem[] {
  const p = params(rule, "set_config");
  if (Array.isArray(p)) return p;
  const problems: RuleProblem[] = [];
  for (const [name, value] of Object.entries(p)) {
    const pointer = `/action_parameters/${name}`;
    if (booleans.includes(name)) {
      if (typeof value !== "boolean") problems.push({ pointer, message: `${name} must be true or false` });
    } else if (trueOnly.includes(name)) {
      if (value !== true) problems.push({ pointer, message: `${name} can only be true` });
    } else if (choices[name]) {
      if (!choices[name].includes(value as string)) problems.push({ pointer, message: `${name} must be one of ${choices[name].join(", ")}; got ${JSON.stringify(value)}` });
    } else if (name !== "autominify") problems.push({ pointer, message: `${name} is not a setting configuration rules can set` });
  }
  if (Object.keys(p).length === 0) problems.push({ pointer: "/action_parameters", message: "set_config needs at least one setting" });
  return problems;
}

const algorithms = ["none", "auto", "default", "gzip", "brotli", "zstd"];

export function checkCompress(rule: Record<string, unknown>): RuleProblem[] {
  const p = params(rule, "compress_response");
  if (Array.isArray(p)) return p;
  const list = p.algorithms;
  if (!Array.isArray(list) || list.length === 0) return [{ pointer: "/action_parameters/algorithms", message: "compress_response needs algorithms" }];
  return list.flatMap((entry, index) =>
    isObject(entry) && algorithms.includes(entry.name as string) ? [] : [{ pointer: `/action_parameters/algorithms/${index}/name`, message: `name must be one of ${algorithms.join(", ")}` }],
  );
}

/** A bulk redirect rule: from_list names a list (checked against the account's by the caller) and a key. */
export function checkFromList(rule: Record<string, unknown>): RuleProblem[] {
  const from = isObject(rule.action_parameters) ? rule.action_parameters.from_list : undefined;
  if (!isObject(from)) return [{ pointer: "/action_parameters/from_list", message: "a bulk redirect rule needs action_parameters.from_list" }];
  const problems: RuleProblem[] = [];
  if (!(typeof from.name === "string" && /^[a-zA-Z0-9_]{1,50}$/.test(from.name))) problems.push({ pointer: "/action_parameters/from_list/name", message: "from_list.name must name a list" });
  if (!text(from.key)) problems.push({ pointer: "/action_parameters/from_list/key", message: "from_list.key is required (e.g. http.request.full_uri)" });
  return problems;
}
