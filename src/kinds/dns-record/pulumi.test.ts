import { describe, expect, it } from "vitest";
import type { StateResource } from "../../engines/pulumi/adapter.ts";
import { encodeLogicalName } from "../../engines/pulumi/names.ts";
import { assignIds, type Resource } from "../../plan/resources.ts";
import { dnsResource } from "./expand.ts";
import { dnsAliases, dnsTypeChanges, pulumi } from "./pulumi.ts";

const a = (content: string, ttl = 1) => ({ name: "www.example.com", type: "A" as const, content, proxied: false, ttl, tags: [] });

function desired(...contents: string[]): Resource[] {
  const resources = contents.map((content) => dnsResource("example.com", a(content)));
  assignIds(resources);
  return resources;
}

function state(name: string, content: string): StateResource {
  return { type: "cloudflare:index/dnsRecord:DnsRecord", name: encodeLogicalName(name), outputs: { zoneId: "z1", ...a(content) } };
}

describe("DNS logical names across a name and type gaining or losing twins", () => {
  it("lets the record with the same content take over the lone record's state when a twin arrives", () => {
    const aliases = dnsAliases(desired("192.0.2.1", "192.0.2.2"), [state("example.com/dns/www/A", "192.0.2.1")]);
    expect([...aliases]).toEqual([[encodeLogicalName("example.com/dns/www/A/192.0.2.1"), encodeLogicalName("example.com/dns/www/A")]]);
  });

  it("lets the lone record take over its twin's state when the other goes", () => {
    const aliases = dnsAliases(desired("192.0.2.2"), [state("example.com/dns/www/A/192.0.2.1", "192.0.2.1"), state("example.com/dns/www/A/192.0.2.2", "192.0.2.2")]);
    expect([...aliases]).toEqual([["example.com/dns/www/A", encodeLogicalName("example.com/dns/www/A/192.0.2.2")]]);
  });

  it("pairs a twin's new content with the state the native diff pairs it with (an update in place)", () => {
    const aliases = dnsAliases(desired("192.0.2.1", "192.0.2.9"), [state("example.com/dns/www/A/192.0.2.1", "192.0.2.1"), state("example.com/dns/www/A/192.0.2.3", "192.0.2.3")]);
    expect([...aliases]).toEqual([[encodeLogicalName("example.com/dns/www/A/192.0.2.9"), encodeLogicalName("example.com/dns/www/A/192.0.2.3")]]);
  });

  it("needs no alias when the names already match", () => {
    expect(dnsAliases(desired("192.0.2.5"), [state("example.com/dns/www/A", "192.0.2.1")]).size).toBe(0);
    expect(dnsAliases(desired("192.0.2.1", "192.0.2.2"), [state("example.com/dns/www/A/192.0.2.1", "192.0.2.1")]).size).toBe(0);
  });
});

describe("a delegation in the Pulumi program", () => {
  it("declares a DS after the NS records at its name, depending on them (created after, deleted before)", () => {
    const declared: { name: string; dependsOn: string[] }[] = [];
    class DnsRecord {
      readonly name: string;
      constructor(name: string, _args: unknown, opts: { dependsOn?: DnsRecord[] }) {
        this.name = name;
        declared.push({ name, dependsOn: (opts.dependsOn ?? []).map((dep) => dep.name) });
      }
    }
    const record = (type: string, content: string, name = "child.example.com") => ({ name, type, content, proxied: false, ttl: 3600, tags: [] }) as never;
    const resources = [
      dnsResource("example.com", record("DS", "2371 13 2 1F987CC6583E92DF0890718C42")),
      dnsResource("example.com", record("NS", "ns1.child.example.net")),
      dnsResource("example.com", record("NS", "ns2.child.example.net")),
      dnsResource("example.com", record("A", "192.0.2.1", "www.example.com")),
    ];
    assignIds(resources);
    const ctx = { cloudflare: { DnsRecord }, accountId: "acc", zoneId: () => "z1", opts: () => ({}), state: [], claimed: new Set<string>(), names: new Map(), adopting: () => undefined };
    pulumi.declare(resources, ctx as never);
    const ds = declared.find((entry) => entry.name.includes("/DS"))!;
    expect(ds.dependsOn.sort()).toEqual([encodeLogicalName("example.com/dns/child/NS/ns1.child.example.net"), encodeLogicalName("example.com/dns/child/NS/ns2.child.example.net")].sort());
    expect(declared.filter((entry) => !entry.name.includes("/DS")).every((entry) => entry.dependsOn.length === 0)).toBe(true);
  });
});

describe("a name whose records change between CNAME and other types (issue 27 item 1)", () => {
  const record = (name: string, type: string, content: string, proxied = false) => ({ name, type, content, proxied, ttl: 1, tags: [] }) as never;
  function wants(...values: ReturnType<typeof record>[]): Resource[] {
    const resources = values.map((value) => dnsResource("example.com", value));
    assignIds(resources);
    return resources;
  }
  const held = (id: string, value: Record<string, unknown>): StateResource => ({ type: "cloudflare:index/dnsRecord:DnsRecord", name: encodeLogicalName(id), outputs: { zoneId: "z1", ...value } });
  const zone = new Set(["example.com"]);

  it("one A becoming one CNAME (a hostname moving to a tunnel service too): the CNAME takes over the A's state", () => {
    const changes = dnsTypeChanges(wants(record("www.example.com", "CNAME", "t1.cfargotunnel.com", true)), [held("example.com/dns/www/A", record("www.example.com", "A", "192.0.2.1"))], zone);
    expect([...changes.aliases]).toEqual([["example.com/dns/www/CNAME", "example.com/dns/www/A"]]);
    expect(changes.clearFirst).toEqual([]);
  });

  it("one CNAME becoming one AAAA: the same the other way", () => {
    const changes = dnsTypeChanges(wants(record("www.example.com", "AAAA", "2001:db8::1")), [held("example.com/dns/www/CNAME", record("www.example.com", "CNAME", "example.net"))], zone);
    expect([...changes.aliases]).toEqual([["example.com/dns/www/AAAA", "example.com/dns/www/CNAME"]]);
  });

  it("several A becoming one CNAME, or one CNAME becoming several A: the old records are deleted first", () => {
    const twoA = [held(`example.com/dns/www/A/192.0.2.1`, record("www.example.com", "A", "192.0.2.1")), held(`example.com/dns/www/A/192.0.2.2`, record("www.example.com", "A", "192.0.2.2"))];
    const toCname = dnsTypeChanges(wants(record("www.example.com", "CNAME", "example.net")), twoA, zone);
    expect(toCname.aliases.size).toBe(0);
    expect(toCname.clearFirst.sort()).toEqual(twoA.map((entry) => entry.name).sort());
    const fromCname = dnsTypeChanges(wants(record("www.example.com", "A", "192.0.2.1"), record("www.example.com", "A", "192.0.2.2")), [held("example.com/dns/www/CNAME", record("www.example.com", "CNAME", "example.net"))], zone);
    expect(fromCname.clearFirst).toEqual(["example.com/dns/www/CNAME"]);
    expect(pulumi.clearFirst!(wants(record("www.example.com", "CNAME", "example.net")), twoA, zone).sort()).toEqual(toCname.clearFirst.sort());
  });

  it("nothing where no CNAME is involved, where the records stay, or where the zone's records are not owned", () => {
    const a1 = held("example.com/dns/www/A", record("www.example.com", "A", "192.0.2.1"));
    expect(dnsTypeChanges(wants(record("www.example.com", "AAAA", "2001:db8::1")), [a1], zone)).toEqual({ aliases: new Map(), clearFirst: [] });
    expect(dnsTypeChanges(wants(record("www.example.com", "A", "192.0.2.1")), [a1], zone)).toEqual({ aliases: new Map(), clearFirst: [] });
    expect(dnsTypeChanges(wants(record("www.example.com", "CNAME", "example.net")), [a1], new Set())).toEqual({ aliases: new Map(), clearFirst: [] });
  });

  it("declares the CNAME with an alias to the A and deleteBeforeReplace", () => {
    const declared: { name: string; opts: Record<string, unknown> }[] = [];
    class DnsRecord {
      constructor(name: string, _args: unknown, opts: Record<string, unknown>) {
        declared.push({ name, opts });
      }
    }
    const ctx = {
      cloudflare: { DnsRecord }, accountId: "acc", zoneId: () => "z1", state: [held("example.com/dns/www/A", record("www.example.com", "A", "192.0.2.1"))],
      claimed: zone, names: new Map(), adopting: () => undefined,
      opts: (_name: string, aliases: string[] = []) => (aliases.length > 0 ? { aliases: aliases.map((alias) => ({ name: alias })) } : {}),
    };
    pulumi.declare(wants(record("www.example.com", "CNAME", "example.net")), ctx as never);
    expect(declared).toEqual([{ name: "example.com/dns/www/CNAME", opts: { aliases: [{ name: "example.com/dns/www/A" }], deleteBeforeReplace: true } }]);
  });
});
