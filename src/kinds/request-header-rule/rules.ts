// Semantic rules for request header rules: unique refs, filters for the phase (shared), and header
// changes Cloudflare accepts (developers.cloudflare.com/rules/transform/request-header-modification/):
// no cf- or x-cf- header (removing cf-connecting-ip is allowed), none of the headers that carry the
// visitor's IP address or protocol set (x-forwarded-for not removed either), cookie removed but not
// set, and none of the protocol headers Cloudflare keeps to itself (accept-encoding, host, ...).
import type { ZoneRule } from "../kind.ts";
import { checkHeaders, type HeaderLimit } from "../shared/ruleset-phase/headers.ts";
import { expressionRule as phaseExpressionRule, uniqueRefRule as phaseUniqueRefRule } from "../shared/ruleset-phase/rules.ts";
import { requestHeaderPhase } from "./normalise.ts";

export const uniqueRefRule: ZoneRule = phaseUniqueRefRule(requestHeaderPhase);
export const expressionRule: ZoneRule = phaseExpressionRule(requestHeaderPhase);

const visitorHeaders = new Set(["x-forwarded-for", "true-client-ip", "x-real-ip", "x-forwarded-proto"]);
/** Forbidden header names (protocol compliance): neither set nor removed. */
const protocolHeaders = new Set(["accept-encoding", "connection", "content-length", "host", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade"]);

export const requestHeaderLimit: HeaderLimit = (name, operation) => {
  if ((name.startsWith("cf-") || name.startsWith("x-cf-")) && !(name === "cf-connecting-ip" && operation === "remove")) {
    return { message: `Cloudflare does not let rules change ${name}: headers starting with cf- or x-cf- are its own`, hint: "only cf-connecting-ip may be removed" };
  }
  if (protocolHeaders.has(name)) return { message: `Cloudflare does not let rules change the ${name} request header`, ...(name === "host" ? { hint: "an origin rule's host_header rewrites the Host header" } : {}) };
  if (name === "x-forwarded-for" && operation === "remove") return { message: "Cloudflare does not let rules remove x-forwarded-for" };
  if (visitorHeaders.has(name) && operation !== "remove") return { message: `Cloudflare does not let rules set ${name}, which carries the visitor's address or protocol` };
  if (name === "cookie" && operation !== "remove") return { message: "Cloudflare does not let rules set the cookie request header", hint: "it may be removed" };
  return undefined;
};

export const headersRule: ZoneRule = {
  name: "request-header-headers",
  check(input, report) {
    for (const rule of input.zone.request_headers ?? []) checkHeaders({ code: "request-header", phase: requestHeaderPhase.phase, limit: requestHeaderLimit }, rule, input, report);
  },
};
