// The List and the rulesets that use it, declared against a recording stand-in for @pulumi/cloudflare:
// a ruleset depends on the lists its expressions name, so Pulumi creates them first and deletes them last.
import { describe, expect, it } from "vitest";
import type { CloudflareModule, DeclareContext } from "../../engines/pulumi/adapter.ts";
import type { Resource } from "../../plan/resources.ts";
import { pulumi as rateLimits } from "../rate-limit-rule/pulumi.ts";
import { rateLimitPhase } from "../rate-limit-rule/normalise.ts";
import { phaseRuleResource } from "../shared/ruleset-phase/expand.ts";
import { listResource } from "./expand.ts";
import { listValue } from "./normalise.ts";
import { pulumi as lists } from "./pulumi.ts";

interface Declared {
  type: string;
  name: string;
  args: Record<string, unknown>;
  opts: { dependsOn?: unknown[]; deleteBeforeReplace?: boolean };
}

function recorder(): { module: CloudflareModule; declared: Declared[] } {
  const declared: Declared[] = [];
  const make = (type: string) =>
    class {
      constructor(name: string, args: Record<string, unknown>, opts: Declared["opts"]) {
        declared.push({ type, name, args, opts });
      }
    };
  return { module: { List: make("List"), Ruleset: make("Ruleset") } as unknown as CloudflareModule, declared };
}

function context(module: CloudflareModule, shared: DeclareContext["declared"]): DeclareContext {
  return { cloudflare: module, accountId: "acc", zoneId: () => "zone-id", opts: () => ({}), state: [], claimed: new Set(["example.com"]), names: new Map(), adopting: () => undefined, ...(shared && { declared: shared }) };
}

const rule = (ref: string, expression: string): Resource =>
  phaseRuleResource(rateLimitPhase, "example.com", { ref, expression, action: "block", enabled: true, characteristics: ["cf.colo.id"], period: 60, requests_per_period: 5, mitigation_timeout: 0 } as never);

describe("lists in the Pulumi program", () => {
  it("declares one List with its items (replaced when its kind changes, the old one first)", () => {
    const { module, declared } = recorder();
    lists.declare([listResource(listValue("office_ips", "ip", "Office", [{ ip: "192.0.2.1", comment: "door" }, { ip: "2001:db8::/48" }]))], context(module, new Map()));
    expect(declared).toEqual([
      { type: "List", name: "lists/office_ips", args: { accountId: "acc", name: "office_ips", kind: "ip", description: "Office", items: [{ ip: "192.0.2.1", comment: "door" }, { ip: "2001:db8::/48" }] }, opts: { deleteBeforeReplace: true } },
    ]);
  });

  it("makes a ruleset that uses $office_ips depend on its List, and one that uses no list depend on nothing", () => {
    const { module, declared } = recorder();
    const shared = new Map();
    lists.declare([listResource(listValue("office_ips", "ip", undefined, []))], context(module, shared));
    rateLimits.declare([rule("login", '(http.request.uri.path eq "/login" and not ip.src in $office_ips and ip.src in $cf.malware)')], context(module, shared));
    const ruleset = declared.find((entry) => entry.type === "Ruleset")!;
    expect(ruleset.opts.dependsOn).toHaveLength(1);
    expect(ruleset.opts.dependsOn![0]).toBeInstanceOf(Object);
    expect(ruleset.opts.dependsOn![0]).toBe(shared.get("lists/office_ips"));

    const again = recorder();
    rateLimits.declare([rule("login", '(http.request.uri.path eq "/login")')], context(again.module, shared));
    expect(again.declared[0]!.opts.dependsOn).toBeUndefined();
  });

  it("sends the state's spelling of no description: \"\" or no value at all, so an absent one never shows as an update (issue 27 item 6)", () => {
    const declareWith = (description: unknown, wanted?: string) => {
      const { module, declared } = recorder();
      const state = description === "no state" ? [] : [{ type: "cloudflare:index/list:List", name: "lists/office_ips", outputs: { name: "office_ips", kind: "ip", description, items: [] } }];
      lists.declare([listResource(listValue("office_ips", "ip", wanted, []))], { ...context(module, new Map()), state });
      return declared[0]!.args;
    };
    expect(declareWith(null)).not.toHaveProperty("description");
    expect(declareWith(undefined)).not.toHaveProperty("description");
    expect(declareWith("")).toMatchObject({ description: "" });
    expect(declareWith("no state")).toMatchObject({ description: "" });
    // a description to clear is cleared; one to set is set
    expect(declareWith("Old")).toMatchObject({ description: "" });
    expect(declareWith(null, "Office")).toMatchObject({ description: "Office" });
  });
});
