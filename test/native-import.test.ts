// Import round trip: records of every supported type created through the SDK, `import`, then
// `plan` shows no changes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { RunningEmulator } from "../src/emulator/index.ts";
import { emulatorWith, removeRepo, runMain, sdk, tempRepo, type CliRun } from "./native-support.ts";

function txt(length: number): string {
  const pattern = 'say "hi"; path C:\\dir\\ ok; ';
  return pattern.repeat(Math.ceil(length / pattern.length) + 1).slice(0, length);
}

const zone = "import.example";
export const everyType: Record<string, unknown>[] = [
  { name: zone, type: "A", content: "192.0.2.1", proxied: true, ttl: 1, comment: "web, proxied" },
  { name: `v6.${zone}`, type: "AAAA", content: "2001:0DB8:0000::0001", ttl: 300, tags: ["team:web", "env:prod"] },
  { name: `www.${zone}`, type: "CNAME", content: `${zone}`, proxied: true, ttl: 1 },
  { name: zone, type: "MX", content: `mail.${zone}`, priority: 10, ttl: 3600 },
  { name: `t255.${zone}`, type: "TXT", content: txt(255), ttl: 1 },
  { name: `t256.${zone}`, type: "TXT", content: txt(256), ttl: 1, comment: "just over one string" },
  { name: `t766.${zone}`, type: "TXT", content: txt(766), ttl: 1 },
  { name: `sub.${zone}`, type: "NS", content: "ns1.example.net", ttl: 86400 },
  { name: `_sip._tcp.${zone}`, type: "SRV", data: { priority: 10, weight: 5, port: 5060, target: `sip.${zone}` }, ttl: 1 },
  { name: zone, type: "CAA", data: { flags: 0, tag: "issue", value: "letsencrypt.org" }, ttl: 1 },
  { name: `1.2.0.192.${zone}`, type: "PTR", content: `host.${zone}`, ttl: 1 },
  { name: `secure.${zone}`, type: "DS", data: { key_tag: 2371, algorithm: 13, digest_type: 2, digest: "1F987CC6583E92DF0890718C42D9C78A8D3B1A7F7E0A1BCA1B2C3D4E5F607182" }, ttl: 1 },
  { name: `_443._tcp.${zone}`, type: "TLSA", data: { usage: 3, selector: 1, matching_type: 1, certificate: "0C72AC70B745AC19998811B131D662C9AC69DBDBE7CB23E5B514B56664C5D3D6" }, ttl: 1 },
  { name: `ssh.${zone}`, type: "SSHFP", data: { algorithm: 4, type: 2, fingerprint: "123456789ABCDEF67890123456789ABCDEF67890123456789ABCDEF123456789" }, ttl: 1 },
  { name: `naptr.${zone}`, type: "NAPTR", data: { order: 100, preference: 10, flags: "S", service: "SIP+D2U", regex: "!^.*$!sip:info@example.com!", replacement: "." }, ttl: 1 },
  { name: `loc.${zone}`, type: "LOC", data: { lat_degrees: 51, lat_minutes: 30, lat_seconds: 12.748, lat_direction: "N", long_degrees: 0, long_minutes: 7, long_seconds: 39.611, long_direction: "W", altitude: 0, size: 100, precision_horz: 0, precision_vert: 0 }, ttl: 1 },
  { name: `svc.${zone}`, type: "HTTPS", data: { priority: 1, target: ".", value: 'alpn="h3,h2"' }, ttl: 1 },
  { name: `_dns.${zone}`, type: "SVCB", data: { priority: 1, target: `dns.${zone}`, value: 'alpn="dot"' }, ttl: 1 },
  { name: `_http._tcp.${zone}`, type: "URI", data: { weight: 1, target: "https://example.net/" }, priority: 10, ttl: 1 },
];

describe("import round trip", () => {
  let emulator: RunningEmulator;
  let root: string;
  beforeAll(async () => {
    emulator = await emulatorWith([zone]);
    root = await tempRepo({ "stacks/default.yaml": "engine: native\n" });
    const client = sdk(emulator);
    const zoneId = (await client.zones.list({ name: zone })).result[0]!.id;
    for (const record of everyType) await client.dns.records.create({ zone_id: zoneId, ...record } as never);
    await client.rulesets.phases.update("http_request_firewall_custom", {
      zone_id: zoneId,
      rules: [
        { ref: "block-bots", description: "bots", expression: '(http.user_agent contains "BadBot")', action: "block", enabled: true },
        { ref: "log-admin", expression: '(http.request.uri.path contains "/admin")', action: "log", enabled: false },
      ],
    } as never);
    await client.zones.settings.edit("ssl", { zone_id: zoneId, value: "strict" } as never);
  });
  afterAll(async () => {
    await emulator.close();
    await removeRepo(root);
  });

  function cli(...args: string[]): Promise<CliRun> {
    return runMain(args, { cwd: root, emulator });
  }

  it("writes a zone file that plans no changes", async () => {
    const imported = await cli("import", "--zone", zone);
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`${everyType.length} DNS record(s), 2 firewall rule(s)`);
    // One Pulumi import id per record written, plus the settings and the firewall ruleset.
    const importLines = imported.stdout.split("\n").filter((line) => line.startsWith("pulumi import "));
    expect(importLines.filter((line) => line.includes("cloudflare:index/dnsRecord:DnsRecord"))).toHaveLength(everyType.length);
    expect(importLines.some((line) => line.includes("cloudflare:index/ruleset:Ruleset"))).toBe(true);
    const text = await readFile(join(root, "desired-state/zones", `${zone}.yaml`), "utf8");
    // Where a configuration repository has the schemas (not ../../schemas/, which only this checkout has).
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=../../node_modules/cf-gitops/schemas/zone.schema.json");
    expect(text).toContain("# This file now owns what it lists under these keys (what is removed there is deleted): dns, firewall.\n");
    expect(text).toContain("comment: just over one string");
    expect(text).toContain("ssl: strict");
    const names = [...text.matchAll(/^ {2}- name: (.+)$/gm)].map((m) => m[1]);
    expect(names.slice(0, 3)).toEqual(['"@"', '"@"', '"@"']);
    expect(text.indexOf("type: A\n")).toBeLessThan(text.indexOf("type: CAA"));

    const plan = await cli("plan", "--detailed-exitcode", "--format", "json");
    expect(plan.stderr).toBe("");
    const doc = JSON.parse(plan.stdout) as { changes: unknown[]; diagnostics: unknown[] };
    expect(doc.changes).toEqual([]);
    expect(doc.diagnostics).toEqual([]);
    expect(plan.code).toBe(0);

    const again = await cli("import", "--zone", zone);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already exists");
    expect(await readFile(join(root, "desired-state/zones", `${zone}.yaml`), "utf8")).toBe(text);
  });

  // Separate case: the zone schema (src/kinds/dns-record/schema.ts) must accept `content: ""` for TXT.
  it("round-trips an empty (0-byte) TXT record", async () => {
    const client = sdk(emulator);
    const zoneId = (await client.zones.list({ name: zone })).result[0]!.id;
    await client.dns.records.create({ zone_id: zoneId, name: `t0.${zone}`, type: "TXT", content: txt(0), ttl: 1 } as never);
    const file = join(root, "desired-state/zones", `${zone}.yaml`);
    const before = await readFile(file, "utf8");
    const forced = await cli("import", "--zone", zone, "--force");
    expect(forced.code).toBe(0);
    // The file was never committed: --force keeps a copy and says where (issue 23).
    const copy = new RegExp(`desired-state/zones/${zone}\\.yaml had changes git does not have; the old file is kept at (\\S+)`).exec(forced.stdout)?.[1];
    expect(copy, forced.stdout).toMatch(/^\.cf-gitops\/overwritten\//);
    expect(await readFile(join(root, copy!), "utf8")).toBe(before);
    const plan = await cli("plan", "--detailed-exitcode", "--format", "json");
    const doc = JSON.parse(plan.stdout) as { changes: unknown[]; diagnostics: unknown[] };
    expect(doc.diagnostics).toEqual([]);
    expect(doc.changes).toEqual([]);
    expect(plan.code).toBe(0);
  });
});
