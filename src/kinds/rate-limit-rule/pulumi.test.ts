// The rate-limit Ruleset's rules keep the state's order of the same characteristics (issue 27 item 6):
// a set to Cloudflare and cf-gitops, an ordered list to the provider.
import { describe, expect, it } from "vitest";
import type { CloudflareModule, DeclareContext } from "../../engines/pulumi/adapter.ts";
import { phaseRuleResource } from "../shared/ruleset-phase/expand.ts";
import { rateLimitPhase } from "./normalise.ts";
import { pulumi } from "./pulumi.ts";

function declared(characteristics: string[], held?: string[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const module = { Ruleset: class { constructor(_name: string, args: { rules: Record<string, unknown>[] }) { out.push(...args.rules); } } } as unknown as CloudflareModule;
  const state = held ? [{ type: "cloudflare:index/ruleset:Ruleset", name: "example.com/rate_limits", outputs: { name: "default", rules: [{ ref: "api", expression: "(ip.src ne 192.0.2.1)", ratelimit: { characteristics: held, period: 10 } }] } }] : [];
  const ctx: DeclareContext = { cloudflare: module, accountId: "acc", zoneId: () => "z1", opts: () => ({}), state, claimed: new Set(["example.com"]), names: new Map(), adopting: () => undefined };
  const value = rateLimitPhase.fromSpec({ ref: "api", expression: "(ip.src ne 192.0.2.1)", action: "block", characteristics, period: 10, requests_per_period: 100 } as never);
  pulumi.declare([phaseRuleResource(rateLimitPhase, "example.com", value)], ctx);
  return out;
}

const characteristicsOf = (rules: Record<string, unknown>[]) => (rules[0]!.ratelimit as { characteristics: string[] }).characteristics;

describe("rate-limit characteristics in the Pulumi program", () => {
  it("sends the state's order when the state holds the same set", () => {
    expect(characteristicsOf(declared(["cf.colo.id", "ip.src"], ["ip.src", "cf.colo.id"]))).toEqual(["ip.src", "cf.colo.id"]);
  });

  it("sends cf-gitops' sorted order for a new rule, or for another set", () => {
    expect(characteristicsOf(declared(["ip.src", "cf.colo.id"]))).toEqual(["cf.colo.id", "ip.src"]);
    expect(characteristicsOf(declared(["ip.src", "cf.colo.id", "http.request.headers[\"x-api-key\"]"], ["ip.src", "cf.colo.id"]))).toEqual(["cf.colo.id", "http.request.headers[\"x-api-key\"]", "ip.src"]);
  });
});
