// Access applications: which live applications cf-gitops owns (those at hostnames with access:, and
// those using only its own policies), the change order (the gate before the CNAME and the ingress
// rule, removed after them; an application before its policy, the policy before its group), and
// the Pulumi program: the application links its policy by the policy's Output id, the tunnel
// configuration depends on the applications of its hostnames, state reads back as git, and the
// import id is accounts/<account_id>/<app_id>.
import { describe, expect, it } from "vitest";
import type { CloudflareModule, DeclareContext } from "../../engines/pulumi/adapter.ts";
import { sortChanges } from "../../plan/order.ts";
import type { Change } from "../../plan/types.ts";
import { policyResource } from "../access-policy/expand.ts";
import { pulumi as policies } from "../access-policy/pulumi.ts";
import { policyValue } from "../access-policy/normalise.ts";
import { serviceResource } from "../tunnel-service/expand.ts";
import { pulumi as tunnels } from "../tunnel-service/pulumi.ts";
import { applicationResource, ownsApplication } from "./expand.ts";
import { applicationValue } from "./normalise.ts";
import { pulumi as applications } from "./pulumi.ts";

const app = (domain: string, policies: string[]) => applicationResource(applicationValue(domain.split(".")[0]!, domain, "self_hosted", "24h", policies));

describe("Access applications cf-gitops owns", () => {
  it.each([
    ["at a hostname whose service declares access", app("grafana.example.com", ["Allow family"]), true],
    ["of a removed service (it uses only cf-gitops' policies)", app("old.example.com", ["old (cf-gitops)"]), true],
    ["made elsewhere, for another hostname", app("router.example.com", ["Allow admins"]), false],
    ["made elsewhere, using one of cf-gitops' policies and its own", app("nas.example.com", ["nas (cf-gitops)", "Allow admins"]), false],
    ["without any policy, elsewhere", app("empty.example.com", []), false],
  ])("an application %s: %s", (_what, resource, owned) => {
    expect(ownsApplication(resource, { hostnames: ["grafana.example.com"] })).toBe(owned);
  });
});

describe("the order of Access changes among the others", () => {
  const change = (kind: Change["kind"], id: string, op: Change["op"], zone?: string): Change => ({ kind, id, op, fields: [], ...(zone && { zone }) });

  it("creates the group, policy and application before the CNAME and the ingress rule, and deletes them after, in reverse", () => {
    const shuffled = [
      change("tunnel-service", "services/new", "create"),
      change("access-group", "access/groups/old", "delete"),
      change("dns-record", "example.com/dns/new/CNAME", "create", "example.com"),
      change("access-application", "access/apps/old.example.com", "delete"),
      change("access-policy", "access/policies/new", "create"),
      change("access-policy", "access/policies/old", "delete"),
      change("dns-record", "example.com/dns/old/CNAME", "delete", "example.com"),
      change("access-application", "access/apps/new.example.com", "create"),
      change("access-group", "access/groups/new", "create"),
      change("tunnel-service", "services/old.example.com", "delete"),
    ];
    expect(sortChanges(shuffled).map((c) => `${c.op} ${c.id}`)).toEqual([
      "create access/groups/new",
      "create access/policies/new",
      "create access/apps/new.example.com",
      "delete example.com/dns/old/CNAME",
      "create example.com/dns/new/CNAME",
      "delete services/old.example.com",
      "create services/new",
      "delete access/apps/old.example.com",
      "delete access/policies/old",
      "delete access/groups/old",
    ]);
  });
});

describe("Access applications in the Pulumi program", () => {
  interface Declared {
    type: string;
    name: string;
    args: Record<string, unknown>;
    opts: { dependsOn?: unknown[] };
  }

  function context(declared: Declared[], shared: Map<string, unknown>): DeclareContext {
    const make = (type: string) =>
      class {
        id: string;
        constructor(name: string, args: Record<string, unknown>, opts: Declared["opts"]) {
          this.id = `${name}-id`;
          declared.push({ type, name, args, opts });
        }
      };
    const cloudflare = { ZeroTrustAccessPolicy: make("ZeroTrustAccessPolicy"), ZeroTrustAccessApplication: make("ZeroTrustAccessApplication"), ZeroTrustTunnelCloudflaredConfig: make("ZeroTrustTunnelCloudflaredConfig") } as unknown as CloudflareModule;
    return { cloudflare, accountId: "acc", zoneId: () => "", opts: () => ({}), state: [], claimed: new Set(), names: new Map(), adopting: () => undefined, declared: shared as DeclareContext["declared"] };
  }

  it("links the application's policy by its Output id, and makes the tunnel configuration depend on the applications of its hostnames", () => {
    const declared: Declared[] = [];
    const shared = new Map<string, unknown>();
    policies.declare([policyResource(policyValue("grafana (cf-gitops)", "allow", [{ email: "me@example.com" }]))], context(declared, shared));
    applications.declare([app("grafana.example.com", ["grafana (cf-gitops)"])], context(declared, shared));
    const services = [serviceResource("t1", "services/grafana", { hostname: "grafana.example.com", service: "http://localhost:3000", tunnel: "home-pi" }), serviceResource("t1", "services/git", { hostname: "git.example.com", service: "http://localhost:3001", tunnel: "home-pi" })];
    tunnels.declare(services, { ...context(declared, shared), claimed: new Set(["t1"]) });
    const [policy, application, config] = declared;
    expect(policy!.args).toEqual({ accountId: "acc", name: "grafana (cf-gitops)", decision: "allow", includes: [{ email: { email: "me@example.com" } }] });
    expect(application!.args).toEqual({ accountId: "acc", name: "grafana", domain: "grafana.example.com", type: "self_hosted", sessionDuration: "24h", policies: [{ id: "access/policies/grafana-id", precedence: 1 }] });
    expect(config!.opts.dependsOn).toEqual([shared.get("access/apps/grafana.example.com")]);
  });

  it("reads a state back as git (a linked policy is named after the desired one) and imports by accounts/<account_id>/<app_id>", () => {
    const desired = app("grafana.example.com", ["grafana (cf-gitops)"]);
    const context = { desiredByKey: new Map([[desired.key, desired]]) };
    const state = { accountId: "acc", name: "grafana", domain: "grafana.example.com", type: "self_hosted", sessionDuration: "24h", policies: [{ id: "5f5f", precedence: 1 }] };
    expect(applications.fromState("access/apps/grafana.example.com", state, context)).toEqual([desired]);
    // a policy attached in the dashboard shows by id: the application's policies differ
    const drifted = applications.fromState("access/apps/grafana.example.com", { ...state, policies: [{ id: "5f5f", precedence: 1 }, { id: "bypass-id", precedence: 2 }] }, context);
    expect(drifted[0]!.value.policies).toEqual(["5f5f", "bypass-id"]);
    expect(applications.importId("access/apps/grafana.example.com", [{ ...desired, cloudId: "a1" }], { accountId: "acc", zoneId: () => "", meta: () => undefined })).toBe("accounts/acc/a1");
    expect(policies.importId("access/policies/grafana", [{ ...policyResource(policyValue("grafana (cf-gitops)", "allow", [])), cloudId: "p1" }], { accountId: "acc", zoneId: () => "", meta: () => undefined })).toBe("acc/p1");
  });
});
