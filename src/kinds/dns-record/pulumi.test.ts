import { describe, expect, it } from "vitest";
import type { StateResource } from "../../engines/pulumi/adapter.ts";
import { encodeLogicalName } from "../../engines/pulumi/names.ts";
import { assignIds, type Resource } from "../../plan/resources.ts";
import { dnsResource } from "./expand.ts";
import { dnsAliases } from "./pulumi.ts";

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
