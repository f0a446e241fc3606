import { describe, expect, it } from "vitest";
import type { StateResource } from "../../engines/pulumi/adapter.ts";
import { encodeLogicalName } from "../../engines/pulumi/names.ts";
import { assignIds, type Resource } from "../../plan/resources.ts";
import { dnsResource } from "./expand.ts";
import { dnsAliases, pulumi } from "./pulumi.ts";

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
