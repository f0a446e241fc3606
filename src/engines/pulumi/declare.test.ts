// What each kind's adapter declares, with the resource options the program gives it, through a
// recording stand-in for the @pulumi/cloudflare module (the program passes the SDK in): no Pulumi
// runtime, so the options (ignoreChanges, deleteBeforeReplace) that mocks do not show are visible.
import { describe, expect, it } from "vitest";
import type { DesiredState } from "../../desired-state/types.ts";
import { expandDesired } from "../../plan/expand.ts";
import type { CloudflareModule, StateResource } from "./adapter.ts";
import { pulumiAdapters } from "./adapters.ts";
import { encodeLogicalName } from "./names.ts";
import { declareContext } from "./program.ts";
import { resolvedMaps, type ProgramInput } from "./program-input.ts";
import { exampleState, record } from "./test-fixtures.ts";

interface Declared {
  type: string;
  name: string;
  args: Record<string, unknown>;
  opts: Record<string, unknown>;
}

const tunnelId = "11111111-2222-3333-4444-555555555555";
const adapters = await pulumiAdapters();

function declareAll(desired: DesiredState, extra: Partial<ProgramInput> = {}): Declared[] {
  const input: ProgramInput = { desired, accountId: "acc-1", zoneIds: { "example.com": "zone-1" }, resolved: { "tunnel-service": { "home-pi": tunnelId } }, imports: {}, ...extra };
  const declared: Declared[] = [];
  const sdk = new Proxy({}, {
    get: (_target, type) =>
      function record(name: string, args: Record<string, unknown>, opts: Record<string, unknown>) {
        declared.push({ type: String(type), name, args, opts });
      },
  }) as unknown as CloudflareModule;
  const expanded = expandDesired(desired, { resolved: resolvedMaps(input.resolved), zoneNames: ["example.com"] });
  for (const adapter of adapters) {
    const claimed = new Set(expanded.ownership.get(adapter.kind)?.keys() ?? []);
    adapter.declare(expanded.resources.filter((resource) => resource.kind === adapter.kind), declareContext(input, adapter, adapters, sdk, undefined, claimed));
  }
  return declared;
}

const find = (declared: Declared[], name: string) => {
  const found = declared.find((entry) => entry.name === encodeLogicalName(name));
  if (!found) throw new Error(`${name} not declared: ${declared.map((d) => d.name).join(", ")}`);
  return found;
};

const state = (type: string, name: string, outputs: Record<string, unknown>): StateResource => ({ type, name: encodeLogicalName(name), outputs });

describe("adapters' declarations", () => {
  it("an import ignores the adapter's inputs (adoption, whatever the live spelling); a resource in the state does not", () => {
    const declared = declareAll(exampleState(), {
      imports: { "example.com/dns/www/CNAME": "zone-1/rec-9", "example.com/firewall": "zones/zone-1/rs-1", [encodeLogicalName("example.com/settings/ssl")]: "zone-1/ssl" },
      adopting: {
        "example.com/dns/www/CNAME": { ignoreChanges: ["content", "ttl"] },
        "example.com/firewall": { ignoreChanges: ["rules", "description"], hints: { name: "default", description: "made in the dashboard" } },
        [encodeLogicalName("example.com/settings/ssl")]: { ignoreChanges: ["value"] },
        // not imported: its adoption entry means nothing
        [encodeLogicalName("example.com/dns/@/MX")]: { ignoreChanges: ["content"] },
      },
    });
    expect(find(declared, "example.com/dns/www/CNAME").opts).toEqual({ import: "zone-1/rec-9", ignoreChanges: ["content", "ttl"] });
    expect(find(declared, "example.com/settings/ssl").opts).toEqual({ import: "zone-1/ssl", ignoreChanges: ["value"] });
    expect(find(declared, "example.com/dns/@/MX").opts).toEqual({});
    const ruleset = find(declared, "example.com/firewall");
    expect(ruleset.opts).toEqual({ import: "zones/zone-1/rs-1", ignoreChanges: ["rules", "description"], deleteBeforeReplace: true });
    // the live entrypoint's name and description: `name` forces a replacement, i.e. a second POST (20217)
    expect(ruleset.args).toMatchObject({ name: "default", description: "made in the dashboard", kind: "zone", phase: "http_request_firewall_custom" });
  });

  it("a new entrypoint gets cf-gitops' name; one in the state keeps the state's name and description", () => {
    expect(find(declareAll(exampleState()), "example.com/firewall").args).toMatchObject({ name: "cf-gitops example.com custom firewall rules" });
    expect(find(declareAll(exampleState()), "example.com/firewall").args.description).toBeUndefined();
    const held = state("cloudflare:index/ruleset:Ruleset", "example.com/firewall", { name: "default", description: "", rules: [] });
    expect(find(declareAll(exampleState(), { state: [held] }), "example.com/firewall").args).toMatchObject({ name: "default", description: "" });
  });

  it("sends normalised DNS content: compressed IPv6, host names lower-case without the trailing dot", () => {
    const desired = exampleState();
    desired.zones[0]!.dns = [
      record({ name: "v6", fqdn: "v6.example.com", type: "AAAA", content: "2001:DB8:0:0:0:0:0:10" }),
      record({ name: "alias", fqdn: "alias.example.com", type: "CNAME", content: "Target.Example.NET." }),
      record({ name: "@", fqdn: "example.com", type: "MX", content: "MX1.Example.net.", priority: 10 }),
    ];
    const declared = declareAll(desired);
    expect(find(declared, "example.com/dns/v6/AAAA").args.content).toBe("2001:db8::10");
    expect(find(declared, "example.com/dns/alias/CNAME").args.content).toBe("target.example.net");
    expect(find(declared, "example.com/dns/@/MX").args).toMatchObject({ content: "mx1.example.net", priority: 10 });
  });

  it("SRV and URI set the top-level priority the API returns (else every refresh diffs)", () => {
    const desired = exampleState();
    desired.zones[0]!.dns = [
      record({ name: "_sip._tcp", fqdn: "_sip._tcp.example.com", type: "SRV", data: { priority: 10, weight: 5, port: 5060, target: "sip.example.com" } }),
      record({ name: "_ftp._tcp", fqdn: "_ftp._tcp.example.com", type: "URI", priority: 20, data: { weight: 1, target: "ftp://files.example.com/" } }),
    ];
    const declared = declareAll(desired);
    expect(find(declared, "example.com/dns/_sip._tcp/SRV").args).toMatchObject({ priority: 10, data: { priority: 10, weight: 5, port: 5060 } });
    expect(find(declared, "example.com/dns/_ftp._tcp/URI").args).toMatchObject({ priority: 20 });
  });

  it("keeps the state's spelling where it means the same: an unquoted TXT, a setting's number, a rule's whitespace", () => {
    const desired = exampleState();
    desired.zones[0]!.settings!.values.browser_cache_ttl = "14400";
    const txt = 'v=spf1 include:"_spf.example.net" -all';
    const expression = '(http.user_agent   contains "BadBot")';
    const held = [
      state("cloudflare:index/dnsRecord:DnsRecord", "example.com/dns/@/TXT", { zoneId: "zone-1", name: "example.com", type: "TXT", content: txt, ttl: 1, proxied: false, tags: [] }),
      state("cloudflare:index/zoneSetting:ZoneSetting", "example.com/settings/browser_cache_ttl", { zoneId: "zone-1", settingId: "browser_cache_ttl", value: 14400 }),
      state("cloudflare:index/zoneSetting:ZoneSetting", "example.com/settings/ssl", { zoneId: "zone-1", settingId: "ssl", value: "full" }),
      state("cloudflare:index/ruleset:Ruleset", "example.com/firewall", { name: "x", rules: [{ ref: "block-bad-bots", expression, action: "block" }, { ref: "challenge-admin", expression: "(ssl)", action: "block" }] }),
    ];
    const declared = declareAll(desired, { state: held });
    expect(find(declared, "example.com/dns/@/TXT").args.content).toBe(txt);
    expect(find(declared, "example.com/settings/browser_cache_ttl").args.value).toBe(14400);
    // a different value is sent as the YAML has it
    expect(find(declared, "example.com/settings/ssl").args.value).toBe("strict");
    const rules = find(declared, "example.com/firewall").args.rules as { ref: string; expression: string }[];
    expect(rules.find((rule) => rule.ref === "block-bad-bots")!.expression).toBe(expression);
    expect(rules.find((rule) => rule.ref === "challenge-admin")!.expression).toBe('(http.request.uri.path contains "/wp-admin")');
    // without a state, the quoted form Cloudflare stores
    expect(find(declareAll(exampleState()), "example.com/dns/@/TXT").args.content).toBe('"v=spf1 include:\\"_spf.example.net\\" -all"');
  });

  it("a tunnel the stack names keeps its configuration when its last service goes: only the catch-all", () => {
    const declared = declareAll({ ...exampleState(), services: [] });
    const tunnel = find(declared, "tunnels/home-pi");
    expect(tunnel.type).toBe("ZeroTrustTunnelCloudflaredConfig");
    expect(tunnel.args).toEqual({ accountId: "acc-1", tunnelId, config: { ingresses: [{ service: "http_status:404" }] } });
  });
});
