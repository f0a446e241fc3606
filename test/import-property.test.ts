// Property (issue 23 item 12): whatever record the emulator accepts, of every type and with the edge
// values of each field, `import` writes a zone file that validates and that a plan right after
// finds equal to Cloudflare. Records are generated from per-field edge values (each edge value of
// each field appears at least once) and seeded random combinations of them; the emulator is the judge
// of what Cloudflare accepts, and the records it refuses are left out (and counted).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dnsRecordTypes, recordTypes, type DnsRecordType } from "../src/kinds/dns-record/record-types.ts";
import type { RunningEmulator } from "../src/emulator/index.ts";
import { builtinPolicies } from "../src/policy/registry.ts";
import { emulatorWith, removeRepo, runMain, sdk, tempRepo } from "./native-support.ts";

const zone = "edge.example";
type Fields = Record<string, readonly unknown[]>;

const u8 = [0, 1, 255] as const;
const u16 = [0, 1, 65535] as const;
const host = [".", "target.example.net", "UPPER.Example.NET", "trailing.example.net.", "ööö.example", zone] as const;
const text = ["", "S", "with space", 'quo"te', "ünïcödé", "a;b\\c"] as const;

/** The edge values of each field, per type (content types list `content`). */
const edges: Record<DnsRecordType, Fields> = {
  A: { content: ["0.0.0.0", "192.0.2.1", "255.255.255.255"] },
  AAAA: { content: ["::", "::1", "2001:DB8::1", "2001:0db8:0000:0000:0000:0000:0000:0001", "::ffff:192.0.2.1"] },
  CNAME: { content: host.filter((value) => value !== ".") },
  MX: { content: [".", ...host.slice(1)], priority: u16 },
  TXT: { content: [...text, "x".repeat(255), "y".repeat(256), "z".repeat(2048), " leading and trailing "] },
  NS: { content: host.slice(1, 4) },
  PTR: { content: host.slice(1) },
  OPENPGPKEY: { content: ["AQID", "mQINBF+9"] },
  SRV: { priority: u16, weight: u16, port: u16, target: host },
  CAA: { flags: [0, 128, 255], tag: ["issue", "issuewild", "iodef"], value: ["letsencrypt.org", ";", "mailto:security@example.com", "ca.example; account=1"] },
  DS: { key_tag: u16, algorithm: [8, 13, 255], digest_type: [1, 2, 4], digest: ["1F987CC6583E92DF0890718C42D9C78A8D3B1A7F7E0A1BCA1B2C3D4E5F607182", "abcdef0123"] },
  TLSA: { usage: [0, 3, 255], selector: u8, matching_type: u8, certificate: ["0C72AC70B745AC19998811B131D662C9", "ab"] },
  SMIMEA: { usage: [0, 3], selector: u8, matching_type: u8, certificate: ["0C72AC70B745AC19", "CD"] },
  SSHFP: { algorithm: [1, 4, 255], type: [1, 2, 255], fingerprint: ["123456789ABCDEF67890123456789ABCDEF67890", "ab"] },
  NAPTR: { order: u16, preference: u16, flags: ["", "S", "U", "a"], service: ["", "SIP+D2U", "E2U+sip"], regex: ["", "!^.*$!sip:info@example.com!", "!^(.*)$!\\1!"], replacement: host },
  LOC: {
    lat_degrees: [0, 51, 90], lat_minutes: [0, 59], lat_seconds: [0, 12.748, 59.999], lat_direction: ["N", "S"],
    long_degrees: [0, 180], long_minutes: [0, 59], long_seconds: [0, 59.999], long_direction: ["E", "W"],
    altitude: [-100000, 0, 42849672.95], size: [0, 1, 90000000], precision_horz: [0, 10000, 90000000], precision_vert: [0, 10, 90000000],
  },
  HTTPS: { priority: [0, 1, 65535], target: [".", "svc.example.net"], value: ["", 'alpn="h3,h2"', "port=8443"] },
  SVCB: { priority: [0, 1, 65535], target: [".", "svc.example.net"], value: ["", 'alpn="dot"'] },
  URI: { priority: u16, weight: u16, target: ["https://example.net/", "ftp://ftp.example.net/public", "x"] },
  CERT: { type: [0, 1, 65535], key_tag: u16, algorithm: u8, certificate: ["", "AQID", "MIIB"] },
  DNSKEY: { flags: [0, 256, 257], protocol: [3, 0, 255], algorithm: [8, 13], public_key: ["", "AwEAAag", "mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ=="] },
};

/** Every record carries these too: TTL, comment and tags at their edges. */
const common: Fields = {
  ttl: [1, 60, 86400, 300],
  comment: [undefined, "", "c", "ünïcödé; \"quoted\"", "k".repeat(100)],
  tags: [[], ["team:web"], ["a:b", "c:d"]],
};

/** A deterministic PRNG (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The fields of a structured type's `data` (the others, such as URI's priority, sit beside it). */
function dataFields(type: DnsRecordType): Set<string> {
  return new Set(Object.keys((recordTypes[type].data?.properties ?? {}) as object));
}

/** Record k of a type: edge value k of each field (so every edge value appears), then random picks. */
function records(type: DnsRecordType, count: number, next: () => number): Record<string, unknown>[] {
  const fields: Fields = { ...edges[type], ...common, ...(type === "A" || type === "AAAA" || type === "CNAME" ? { proxied: [false, true] } : {}) };
  const out: Record<string, unknown>[] = [];
  for (let k = 0; k < count; k += 1) {
    const record: Record<string, unknown> = { name: `e${k}.${type.toLowerCase()}.${zone}`, type };
    const data: Record<string, unknown> = {};
    for (const [field, values] of Object.entries(fields)) {
      const value = k < values.length ? values[k] : values[Math.floor(next() * values.length)];
      if (value === undefined) continue;
      if (dataFields(type).has(field)) data[field] = value;
      else record[field] = value;
    }
    if (recordTypes[type].payload === "data") record.data = data;
    if (record.proxied === true) record.ttl = 1;
    out.push(record);
  }
  return out;
}

describe("import writes YAML that validates and plans empty, for every record the emulator accepts", () => {
  let emulator: RunningEmulator;
  let root: string;
  const accepted: Record<string, number> = {};
  const refused: string[] = [];
  let delegations = 0;

  beforeAll(async () => {
    emulator = await emulatorWith([zone]);
    // Edge records break policies on purpose (0.0.0.0, dangling targets): this checks import, not them.
    const off = builtinPolicies.map((policy) => `  ${policy.id}: { level: disabled }`).join("\n");
    root = await tempRepo({ "stacks/default.yaml": "engine: native\n", "policies/policy.yaml": `policies:\n${off}\n` });
    const client = sdk(emulator);
    const zoneId = (await client.zones.list({ name: zone })).result[0]!.id;
    const next = random(23);
    for (const type of dnsRecordTypes) {
      const longest = Math.max(...Object.values({ ...edges[type], ...common }).map((values) => values.length));
      for (const record of records(type, longest + 4, next)) {
        // A DS signs a delegation: it needs the NS records of its name beside it.
        if (type === "DS") {
          await client.dns.records.create({ zone_id: zoneId, name: record.name, type: "NS", content: "ns1.example.net", ttl: 1 } as never);
          delegations += 1;
        }
        try {
          await client.dns.records.create({ zone_id: zoneId, ...record } as never);
          accepted[type] = (accepted[type] ?? 0) + 1;
        } catch (error) {
          refused.push(`${JSON.stringify(record)}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
        }
      }
    }
  }, 60_000);
  afterAll(async () => {
    await emulator.close();
    await removeRepo(root);
  });

  it("accepts edge records of every type", () => {
    if (process.env.CFGITOPS_DEBUG_PROPERTY) console.log(refused.join("\n"));
    expect(Object.keys(accepted).sort()).toEqual([...dnsRecordTypes].sort());
    for (const type of dnsRecordTypes) expect(accepted[type], type).toBeGreaterThanOrEqual(3);
  });

  it("imports them into a file that validates, and a plan right after has no changes", async () => {
    const cli = (...args: string[]) => runMain(args, { cwd: root, emulator });
    const imported = await cli("import", "--zone", zone);
    expect(imported.code, imported.stderr).toBe(0);
    const written = Object.values(accepted).reduce((sum, count) => sum + count, 0) + delegations;
    expect(imported.stdout).toContain(`: ${written} DNS record(s)`);
    const validate = await cli("validate", "--format", "json");
    const report = JSON.parse(validate.stdout) as { errors: number; diagnostics: Array<{ line: number; message: string }> };
    const text = await readFile(join(root, "desired-state/zones", `${zone}.yaml`), "utf8");
    const lines = text.split("\n");
    expect(report.diagnostics.map((d) => `${d.message} at: ${lines[d.line - 1]?.trim()}`)).toEqual([]);
    expect(validate.code).toBe(0);
    const plan = await cli("plan", "--detailed-exitcode", "--format", "json");
    const changes = (JSON.parse(plan.stdout) as { changes: Array<{ id: string; op: string; fields: string[] }> }).changes;
    expect(changes.map((change) => `${change.op} ${change.id} ${change.fields.join(",")}`)).toEqual([]);
    expect(plan.code, plan.stderr).toBe(0);
  }, 60_000);
});
