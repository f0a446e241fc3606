import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import type { DesiredState } from "../../desired-state/types.ts";
import { createProgram } from "./program.ts";
import type { ProgramInput } from "./program-input.ts";
import { exampleState } from "./test-fixtures.ts";
import { loadDesiredState, loadStack } from "../../desired-state/index.ts";
import { token } from "../../../test/native-support.ts";

const repoRoot = new URL("../../../", import.meta.url).pathname;

async function shippedExample(): Promise<DesiredState> {
  const { stack } = await loadStack(repoRoot);
  const loaded = await loadDesiredState(`${repoRoot}desired-state`, { root: repoRoot, ...(stack ? { stack } : {}) });
  expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return loaded.state;
}

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  importId?: string;
}

let registered: Registered[] = [];
/** Every provider the program registered, with its inputs. */
const providers: Registered[] = [];

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        if (args.type === "pulumi:providers:cloudflare") providers.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> });
        registered.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown>, ...(args.id ? { importId: args.id } : {}) });
        return { id: args.id || `${args.name}-id`, state: args.inputs as Record<string, unknown> };
      },
      call: (args) => args.inputs as Record<string, unknown>,
    },
    "cf-gitops",
    "test",
    true,
  );
});

/** Runs the program under mocks and waits until every registration reached the mock monitor. */
async function run(desired: DesiredState, extra: Partial<ProgramInput> = {}): Promise<Registered[]> {
  registered = [];
  const input: ProgramInput = {
    desired,
    accountId: "acc-1",
    zoneIds: { "example.com": "zone-1" },
    resolved: { "tunnel-service": { "home-pi": "11111111-2222-3333-4444-555555555555" } },
    imports: {},
    ...extra,
  };
  await createProgram(input)();
  let stable = 0;
  let last = -1;
  for (let i = 0; i < 400 && stable < 5; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    stable = registered.length === last ? stable + 1 : 0;
    last = registered.length;
  }
  return registered.filter((r) => r.type !== "pulumi:providers:cloudflare");
}

// Registering resources under mocks is slow on a loaded machine: tests that only read share one run.
let exampleRun: Promise<Registered[]> | undefined;
const example = () => (exampleRun ??= run(exampleState()));
let shippedRun: Promise<{ desired: DesiredState; zoneIds: Record<string, string>; resources: Registered[] }> | undefined;
function shipped() {
  shippedRun ??= shippedExample().then(async (desired) => {
    const zoneIds = Object.fromEntries(desired.zones.map((zone, index) => [zone.zone, `zone-${index}`]));
    return { desired, zoneIds, resources: await run(desired, { zoneIds }) };
  });
  return shippedRun;
}

const byType = (list: Registered[], type: string) => list.filter((r) => r.type === type);

describe("the Pulumi program", () => {
  it("gives the provider no token: it reads CLOUDFLARE_API_TOKEN from its environment (never stack config)", async () => {
    await example();
    expect(providers.length).toBeGreaterThan(0);
    for (const provider of providers) {
      expect(provider.inputs).not.toHaveProperty("apiToken");
      expect(JSON.stringify(provider.inputs)).not.toContain(token);
    }
  });

  it("maps every kind to @pulumi/cloudflare resources named by identity", async () => {
    const resources = await example();
    const names = resources.map((r) => `${r.type} ${r.name}`).sort();
    expect(names).toEqual(
      [
        // each record is alone at its name and type, so its name and type name it (no content)
        "cloudflare:index/dnsRecord:DnsRecord example.com/dns/@/A",
        "cloudflare:index/dnsRecord:DnsRecord example.com/dns/@/CAA",
        "cloudflare:index/dnsRecord:DnsRecord example.com/dns/@/MX",
        "cloudflare:index/dnsRecord:DnsRecord example.com/dns/@/TXT",
        "cloudflare:index/dnsRecord:DnsRecord example.com/dns/_sip._tcp/SRV",
        "cloudflare:index/dnsRecord:DnsRecord example.com/dns/grafana/CNAME",
        "cloudflare:index/dnsRecord:DnsRecord example.com/dns/ha/CNAME",
        "cloudflare:index/dnsRecord:DnsRecord example.com/dns/ipv6/AAAA",
        "cloudflare:index/dnsRecord:DnsRecord example.com/dns/www/CNAME",
        "cloudflare:index/ruleset:Ruleset example.com/firewall",
        "cloudflare:index/zeroTrustTunnelCloudflaredConfig:ZeroTrustTunnelCloudflaredConfig tunnels/home-pi",
        "cloudflare:index/zoneSetting:ZoneSetting example.com/settings/always_use_https",
        "cloudflare:index/zoneSetting:ZoneSetting example.com/settings/min_tls_version",
        "cloudflare:index/zoneSetting:ZoneSetting example.com/settings/ssl",
      ].sort(),
    );
    expect(names.every((name) => !name.split(" ")[1]!.includes("::"))).toBe(true);
  });

  it("gives DnsRecord the provider's inputs: FQDN, quoted TXT, camelCase data, automatic TTL when proxied", async () => {
    const dns = byType(await example(), "cloudflare:index/dnsRecord:DnsRecord");
    const find = (nameAndType: string) => dns.find((r) => r.name === `example.com/dns/${nameAndType}`)!.inputs;
    expect(find("@/A")).toMatchObject({ zoneId: "zone-1", name: "example.com", type: "A", content: "203.0.113.10", proxied: true, ttl: 1, comment: "web front", tags: ["team:web"] });
    expect(find("@/TXT").content).toBe('"v=spf1 include:\\"_spf.example.net\\" -all"');
    expect(find("@/MX")).toMatchObject({ priority: 10, ttl: 3600, proxied: false });
    expect(find("_sip._tcp/SRV")).toMatchObject({ data: { priority: 10, weight: 5, port: 5060, target: "sip.example.com" } });
    expect(find("_sip._tcp/SRV").content).toBeUndefined();
    expect(find("@/CAA").data).toEqual({ flags: 0, tag: "issue", value: "letsencrypt.org" });
  });

  it("declares one zone Ruleset for the custom firewall phase with the rules in order, each with its ref", async () => {
    const [ruleset] = byType(await example(), "cloudflare:index/ruleset:Ruleset");
    expect(ruleset!.inputs).toMatchObject({ zoneId: "zone-1", kind: "zone", phase: "http_request_firewall_custom" });
    const rules = ruleset!.inputs.rules as Record<string, unknown>[];
    expect(rules.map((r) => r.ref)).toEqual(["block-bad-bots", "challenge-admin", "skip-health"]);
    expect(rules[1]).toMatchObject({ action: "managed_challenge", enabled: true, expression: '(http.request.uri.path contains "/wp-admin")' });
    expect(rules[2]).toMatchObject({ action: "skip", actionParameters: { ruleset: "current" } });
  });

  it("declares ZoneSetting per managed setting", async () => {
    const settings = byType(await example(), "cloudflare:index/zoneSetting:ZoneSetting");
    expect(settings.map((s) => s.inputs)).toEqual([
      { zoneId: "zone-1", settingId: "always_use_https", value: "on" },
      { zoneId: "zone-1", settingId: "min_tls_version", value: "1.2" },
      { zoneId: "zone-1", settingId: "ssl", value: "strict" },
    ]);
  });

  it("gathers the tunnel's ingress from every service, most specific first, catch-all last", async () => {
    const resources = await example();
    const [tunnel] = byType(resources, "cloudflare:index/zeroTrustTunnelCloudflaredConfig:ZeroTrustTunnelCloudflaredConfig");
    expect(tunnel!.inputs).toMatchObject({ accountId: "acc-1", tunnelId: "11111111-2222-3333-4444-555555555555" });
    const config = tunnel!.inputs.config as { ingresses: Record<string, unknown>[] };
    expect(config.ingresses).toEqual([
      { hostname: "grafana.example.com", path: "/api", service: "http://localhost:3001" },
      { hostname: "grafana.example.com", service: "http://localhost:3000" },
      { hostname: "ha.example.com", service: "http://localhost:8123", originRequest: { noTlsVerify: true, connectTimeout: 30 } },
      { service: "http_status:404" },
    ]);
    const cname = resources.find((r) => r.name === "example.com/dns/ha/CNAME");
    expect(cname!.inputs).toMatchObject({ zoneId: "zone-1", name: "ha.example.com", type: "CNAME", content: "11111111-2222-3333-4444-555555555555.cfargotunnel.com", proxied: true, ttl: 1 });
  });

  it("keeps every URN when files, records, settings and services are reordered", async () => {
    const names = (list: Registered[]) => list.map((r) => `${r.type}::${r.name}`).sort();
    const original = names(await example());
    const shuffled = exampleState();
    const zone = shuffled.zones[0]!;
    zone.dns!.reverse();
    zone.settings!.values = Object.fromEntries(Object.entries(zone.settings!.values).reverse());
    shuffled.services.reverse();
    shuffled.zones = [{ ...zone, zone: "example.org", file: "desired-state/zones/example.org.yaml", dns: [], firewall: undefined, settings: undefined }, zone];
    const reordered = names(await run(shuffled, { zoneIds: { "example.com": "zone-1", "example.org": "zone-2" } }));
    expect(reordered).toEqual(original);
  });

  it("a CNAME is named by name and type only: a new target keeps its URN (an in-place update)", async () => {
    const retargeted = exampleState();
    retargeted.zones[0]!.dns![1] = { ...retargeted.zones[0]!.dns![1]!, content: "elsewhere.example.net" };
    const names = (await run(retargeted)).map((r) => r.name);
    expect(names.filter((name) => name.startsWith("example.com/dns/www/"))).toEqual(["example.com/dns/www/CNAME"]);
  });

  it("renaming a record gives a new logical name (delete + create), not an update of the old one", async () => {
    const renamed = exampleState();
    renamed.zones[0]!.dns![1] = { ...renamed.zones[0]!.dns![1]!, name: "web", fqdn: "web.example.com" };
    const names = (await run(renamed)).map((r) => r.name);
    expect(names).toContain("example.com/dns/web/CNAME");
    expect(names).not.toContain("example.com/dns/www/CNAME");
  });

  it("passes Pulumi's import option with the live object's id when adopting", async () => {
    const resources = await run(exampleState(), {
      imports: { "example.com/dns/www/CNAME": "zone-1/rec-9", "example.com/firewall": "zones/zone-1/rs-1" },
    });
    expect(resources.find((r) => r.name === "example.com/dns/www/CNAME")!.importId).toBe("zone-1/rec-9");
    expect(resources.find((r) => r.name === "example.com/firewall")!.importId).toBe("zones/zone-1/rs-1");
    expect(resources.filter((r) => r.importId).length).toBe(2);
  });

  it("maps the shipped example: every zone's records, settings and rules, and the tunnel's gathered ingress", async () => {
    const { desired, resources } = await shipped();
    const count = (type: string) => byType(resources, type).length;
    const records = desired.zones.reduce((sum, zone) => sum + (zone.dns?.length ?? 0), 0);
    const hostnames = new Set(desired.services.map((service) => service.hostname));
    expect(count("cloudflare:index/dnsRecord:DnsRecord")).toBe(records + hostnames.size);
    expect(count("cloudflare:index/zoneSetting:ZoneSetting")).toBe(desired.zones.reduce((sum, zone) => sum + Object.keys(zone.settings?.values ?? {}).length, 0));
    const phases = desired.zones.reduce((sum, zone) => sum + [zone.firewall, zone.rate_limits, zone.cache_rules, zone.redirects].filter(Boolean).length, 0);
    expect(count("cloudflare:index/ruleset:Ruleset")).toBe(phases); // one per ruleset phase and zone
    expect(byType(resources, "cloudflare:index/list:List").map((r) => r.name)).toEqual((desired.lists ?? []).map((list) => `lists/${list.list}`));
    const [tunnel, ...others] = byType(resources, "cloudflare:index/zeroTrustTunnelCloudflaredConfig:ZeroTrustTunnelCloudflaredConfig");
    expect(others).toEqual([]);
    expect(tunnel!.name).toBe("tunnels/home-pi");
    const ingresses = (tunnel!.inputs.config as { ingresses: Record<string, unknown>[] }).ingresses;
    expect(ingresses.map((rule) => rule.hostname ?? "*")).toEqual([...[...hostnames].sort(), "*"]);
    expect(ingresses.at(-1)).toEqual({ service: "http_status:404" });
    expect(ingresses.find((rule) => rule.hostname === "home.example.com")).toMatchObject({
      service: "http://localhost:8123",
      originRequest: { connectTimeout: 30, noHappyEyeballs: true },
    });
    for (const hostname of hostnames) {
      const cname = resources.find((r) => r.type === "cloudflare:index/dnsRecord:DnsRecord" && r.inputs.name === hostname);
      expect(cname!.inputs).toMatchObject({ type: "CNAME", proxied: true, content: "11111111-2222-3333-4444-555555555555.cfargotunnel.com" });
    }
    for (const zone of desired.zones.filter((z) => z.firewall)) {
      const ruleset = resources.find((r) => r.name === `${zone.zone}/firewall`)!;
      expect((ruleset.inputs.rules as { ref: string }[]).map((rule) => rule.ref)).toEqual(zone.firewall!.map((rule) => rule.ref));
    }
  });

  it("reordering the shipped example's YAML (zones, records, services) yields the same URNs", async () => {
    const { desired, zoneIds, resources } = await shipped();
    const urns = (list: Registered[]) => list.map((r) => `${r.type}::${r.name}`).sort();
    const before = urns(resources);
    const reordered: DesiredState = {
      ...desired,
      zones: [...desired.zones].reverse().map((zone) => ({ ...zone, ...(zone.dns && { dns: [...zone.dns].reverse() }) })),
      services: [...desired.services].reverse(),
    };
    expect(urns(await run(reordered, { zoneIds }))).toEqual(before);
    expect(new Set(before).size).toBe(before.length);
  });
});
