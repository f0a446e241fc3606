// Semantic rules for response header rules: unique refs, filters for the phase (shared; response
// fields allowed, IP lists not: "you cannot reference IP lists in expressions of response header
// rules"), and header changes Cloudflare accepts (developers.cloudflare.com/rules/transform/
// response-header-modification/): no cf- or x-cf- header, and server, eh-cache-tag and
// eh-cdn-cache-control not set or added.
import type { ZoneRule } from "../kind.ts";
import { listReferences } from "../shared/expression/index.ts";
import { checkHeaders, type HeaderLimit } from "../shared/ruleset-phase/headers.ts";
import { checkExpressionField, uniqueRefRule as phaseUniqueRefRule } from "../shared/ruleset-phase/rules.ts";
import { responseHeaderPhase } from "./normalise.ts";

export const uniqueRefRule: ZoneRule = phaseUniqueRefRule(responseHeaderPhase);

export const expressionRule: ZoneRule = {
  name: "response-header-expression",
  check(input, report) {
    const lists = new Map((input.state.lists ?? []).map((list) => [list.list, list.kind]));
    for (const rule of input.zone.response_headers ?? []) {
      const ast = checkExpressionField("response-header", { target: rule, field: "expression", text: rule.expression, context: { phase: responseHeaderPhase.phase, use: "filter" } }, input, report);
      for (const ref of ast ? listReferences(ast) : []) {
        if (lists.get(ref.name) !== "ip") continue;
        report({ code: "response-header-ip-list", message: `$${ref.name} is an IP list, and Cloudflare does not allow IP lists in response header rules`, hint: "match the addresses in the expression, or set the header in a request-phase rule" }, input.locate(rule, "expression", ref.offset));
      }
    }
  },
};

const ownValues = new Set(["server", "eh-cache-tag", "eh-cdn-cache-control"]);

export const responseHeaderLimit: HeaderLimit = (name, operation) => {
  if (name.startsWith("cf-") || name.startsWith("x-cf-")) return { message: `Cloudflare does not let rules change ${name}: response headers starting with cf- or x-cf- are its own` };
  if (ownValues.has(name) && operation !== "remove") return { message: `Cloudflare does not let rules set the value of the ${name} response header` };
  return undefined;
};

export const headersRule: ZoneRule = {
  name: "response-header-headers",
  check(input, report) {
    for (const rule of input.zone.response_headers ?? []) checkHeaders({ code: "response-header", phase: responseHeaderPhase.phase, limit: responseHeaderLimit }, rule, input, report);
  },
};
