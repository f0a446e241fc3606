// The conformance scenarios of every registered kind through the Pulumi engine without
// the pulumi CLI: the inline program (every kind's scenario, so rules meet the lists they use) runs
// under Pulumi's mocks, each step's registered resources become the steps Pulumi would take (create,
// update, delete by logical name against the previous step's state), and the engine's own
// translation (src/engines/pulumi/translate.ts) turns them into changes. They must be the changes
// the scenario expects of every engine, and the state after each step must read back as the desired
// state (no phantom diff). A new kind is checked here with no edit; the few whose Pulumi mapping
// needs more than mocks give (`excluded`, each with its reason) are left to the real CLI, which runs
// every scenario in the pulumi-conformance workflow (src/engines/pulumi/conformance.test.ts).
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { StepEventMetadata } from "@pulumi/pulumi/automation/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDesiredState, loadStack } from "../src/desired-state/index.ts";
import type { DesiredState } from "../src/desired-state/types.ts";
import { planSignature } from "../src/engines/engine.case.ts";
import { pulumiAdapters } from "../src/engines/pulumi/adapters.ts";
import { createProgram } from "../src/engines/pulumi/program.ts";
import { changesOfStep, translateContext } from "../src/engines/pulumi/translate.ts";
import { expandDesired } from "../src/plan/expand.ts";
import { sortChanges } from "../src/plan/order.ts";
import type { KindScenario } from "../src/kinds/conformance.ts";
import { kinds } from "../src/kinds/registry.ts";

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

/** Kinds the mocks cannot check, and why; every other registered kind is checked. */
const excluded = new Map<string, string>([
  // a record that gains or loses a twin keeps its state through an alias, which only the CLI resolves
  // (the mocks see a create and a delete where Pulumi updates in place)
  ["dns-record", "aliases between DNS twins"],
  // a removed setting is forgotten, never deleted (PulumiAdapter.forgets): the engine turns the CLI's
  // delete step into a note, which the mocks' steps do not go through
  ["zone-settings", "settings are forgotten, not deleted"],
]);
const checked = new Set<string>(kinds.map((kind) => kind.id).filter((id) => !excluded.has(id)));
const tunnelId = "11111111-2222-3333-4444-555555555555";
const zoneIds = { "example.com": "0123456789abcdef0123456789abcdef" };
let registered: Registered[] = [];
let root: string;
let scenarios: KindScenario[];

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> });
        return { id: `${args.name}-id`, state: args.inputs as Record<string, unknown> };
      },
      call: (args) => args.inputs as Record<string, unknown>,
    },
    "cf-gitops",
    "mocks",
    true,
  );
  root = await mkdtemp(join(tmpdir(), "cf-gitops-pulumi-mocks-"));
  await write({ "stacks/default.yaml": "engine: pulumi\ntunnels:\n  home-pi: {}\n" });
  scenarios = await Promise.all(kinds.map(async (kind) => ((await kind.modules.conformance()) as { scenario: KindScenario }).scenario));
});

afterAll(() => rm(root, { recursive: true, force: true }));

async function write(files: Record<string, string | null>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    if (text === null) await rm(join(root, path), { force: true });
    else {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), text);
    }
  }
}

async function load(): Promise<DesiredState> {
  const { stack } = await loadStack(root);
  const loaded = await loadDesiredState(join(root, "desired-state"), { root, ...(stack ? { stack } : {}) });
  expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return loaded.state;
}

async function program(desired: DesiredState): Promise<Registered[]> {
  registered = [];
  await createProgram({ desired, accountId: "acc-1", zoneIds, resolved: { "tunnel-service": { "home-pi": tunnelId } }, imports: {} })();
  let stable = 0;
  for (let i = 0, last = -1; i < 400 && stable < 5; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    stable = registered.length === last ? stable + 1 : 0;
    last = registered.length;
  }
  return registered.filter((r) => r.type !== "pulumi:providers:cloudflare");
}

const urn = (r: Registered) => `urn:pulumi:mocks::cf-gitops::${r.type}::${r.name}`;
const state = (r: Registered) => ({ type: r.type, urn: urn(r), id: `${r.name}-id`, parent: "", custom: true, inputs: r.inputs, outputs: r.inputs, provider: "" });

/** The steps Pulumi takes from one state to the next: by logical name, an update when the inputs differ. */
function steps(before: Registered[], after: Registered[]): StepEventMetadata[] {
  const old = new Map(before.map((r) => [urn(r), r]));
  const out: StepEventMetadata[] = [];
  for (const next of after) {
    const previous = old.get(urn(next));
    old.delete(urn(next));
    if (previous && JSON.stringify(previous.inputs) === JSON.stringify(next.inputs)) continue;
    out.push({ op: previous ? "update" : "create", urn: urn(next), type: next.type, ...(previous && { old: state(previous) }), new: state(next), provider: "" } as StepEventMetadata);
  }
  for (const gone of old.values()) out.push({ op: "delete", urn: urn(gone), type: gone.type, old: state(gone), provider: "" } as StepEventMetadata);
  return out;
}

describe("every kind's conformance scenario through the Pulumi program (mocks)", () => {
  let previous: Registered[] = [];

  for (const step of ["create", "update", "remove"] as const) {
    it(`${step}: the steps Pulumi would take translate to the scenario's changes, and the new state reads back as git`, async () => {
      const parts = scenarios.map((scenario) => scenario[step]);
      await write({ "desired-state/zones/example.com.yaml": ["zone: example.com", ...parts.flatMap((s) => s.zone ?? []), ""].join("\n"), ...Object.assign({}, ...parts.map((s) => s.files ?? {})) });
      const desired = await load();
      const resources = await program(desired);
      const expanded = expandDesired(desired, { resolved: new Map([["tunnel-service", new Map([["home-pi", tunnelId]])]]), zoneNames: ["example.com"] });
      const context = translateContext(expanded.resources, await pulumiAdapters());
      const changes = sortChanges(steps(previous, resources).flatMap((s) => changesOfStep(s, context)), expanded.resources).filter((c) => checked.has(c.kind));
      const expected = parts.flatMap((s) => s.expect).filter((line) => checked.has(line.split(" ")[1]!));
      expect([...planSignature(changes)].sort()).toEqual(expected.sort());
      // after the step, a refresh reads back exactly what the program declared: nothing left to do
      expect(steps(resources, resources)).toEqual([]);
      const readBack = resources.flatMap((r) => changesOfStep({ op: "create", urn: urn(r), type: r.type, new: state(r), provider: "" } as StepEventMetadata, context)).filter((c) => checked.has(c.kind));
      expect(new Set(readBack.map((c) => c.id))).toEqual(new Set(expanded.resources.filter((r) => checked.has(r.kind)).map((r) => r.id)));
      for (const change of readBack) expect(change.after, change.id).toEqual(expanded.resources.find((r) => r.id === change.id)!.value);
      previous = resources;
    }, 60_000);
  }

  it("declares a List per list with its items, and a Ruleset per phase", async () => {
    const lists = previous.filter((r) => r.type === "cloudflare:index/list:List");
    expect(lists.map((r) => r.name)).toEqual(["lists/conformance_ips", "lists/conformance_redirects"]);
    expect(lists[1]!.inputs).toMatchObject({ kind: "redirect", items: [
      { redirect: { sourceUrl: "example.com/docs", targetUrl: "https://docs.example.com/", statusCode: 302, includeSubdomains: false, subpathMatching: true, preserveQueryString: false, preservePathSuffix: true } },
      { redirect: { sourceUrl: "example.com/old", targetUrl: "https://example.com/newer", statusCode: 301 } },
    ] });
    expect(lists[0]!.inputs).toMatchObject({ accountId: "acc-1", name: "conformance_ips", kind: "ip", description: "Office egress" });
    expect(lists[0]!.inputs.items).toEqual([{ ip: "198.51.100.7" }, { ip: "2001:db8::/48" }, { ip: "203.0.113.0/24", comment: "head office" }]);
    const rulesets = previous.filter((r) => r.type === "cloudflare:index/ruleset:Ruleset").map((r) => `${r.name} ${String(r.inputs.phase)}`);
    expect(rulesets.sort()).toEqual([
      "example.com/cache_rules http_request_cache_settings",
      "example.com/compression_rules http_response_compression",
      "example.com/config_rules http_config_settings",
      "example.com/firewall http_request_firewall_custom",
      "example.com/origin_rules http_request_origin",
      "example.com/rate_limits http_ratelimit",
      "example.com/redirects http_request_dynamic_redirect",
      "example.com/request_headers http_request_late_transform",
      "example.com/response_headers http_response_headers_transform",
      "example.com/url_rewrites http_request_transform",
    ]);
  });

  it("declares one account Ruleset (kind root, http_request_redirect) for the enabled redirect lists, after the Lists it uses", async () => {
    await write({ "desired-state/lists/conformance_redirects.yaml": "list: conformance_redirects\nkind: redirect\nenabled: true\nitems:\n  - { source: example.com/a, target: https://example.com/b }\n" });
    const declared = await program(await load());
    const account = declared.filter((r) => r.type === "cloudflare:index/ruleset:Ruleset" && r.inputs.kind === "root");
    expect(account.map((r) => [r.name, r.inputs.phase, r.inputs.accountId])).toEqual([["lists/http_request_redirect", "http_request_redirect", "acc-1"]]);
    expect(account[0]!.inputs.rules).toEqual([
      expect.objectContaining({ ref: "cf-gitops-conformance_redirects", expression: "http.request.full_uri in $conformance_redirects", action: "redirect", actionParameters: { fromList: { name: "conformance_redirects", key: "http.request.full_uri" } } }),
    ]);
    expect(declared.findIndex((r) => r.name === "lists/conformance_redirects")).toBeLessThan(declared.indexOf(account[0]!));
  });
});
