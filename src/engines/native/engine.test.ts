import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index.ts";
import { ZoneMissingError } from "../../shared/errors.ts";
import { silentLogger } from "../../shared/logger.ts";
import { emulatorWith, load, removeRepo, runOptions, sdk, tempRepo, token, writeFiles } from "../../../test/native-support.ts";
import { createNativeEngine } from "./index.ts";

const zoneFile = `zone: example.com
settings:
  ssl: strict
  min_tls_version: "1.2"
dns:
  - { name: "@", type: A, content: 203.0.113.10, proxied: true }
  - { name: www, type: CNAME, content: example.com, proxied: true }
  - { name: v6, type: AAAA, content: "2001:DB8:0:0::1", ttl: 300 }
  - { name: "@", type: MX, content: mx1.example.net, priority: 10 }
  - { name: "@", type: TXT, content: 'v=spf1 include:"x" ; \\ -all' }
  - { name: _sip._tcp, type: SRV, data: { priority: 10, weight: 5, port: 5060, target: sip.example.com } }
  - { name: "@", type: CAA, data: { flags: 0, tag: issue, value: letsencrypt.org } }
firewall:
  - { ref: block-bots, description: Block bots, expression: '(http.user_agent contains "BadBot")', action: block }
  - { ref: challenge-admin, expression: '(http.request.uri.path contains "/admin")', action: managed_challenge }
`;

describe("native engine against the emulator", () => {
  let emulator: RunningEmulator;
  let root: string;
  beforeAll(async () => {
    emulator = await emulatorWith(["example.com"]);
    root = await tempRepo({ "stacks/default.yaml": "engine: native\n", "desired-state/zones/example.com.yaml": zoneFile });
  });
  afterAll(async () => {
    await emulator.close();
    await removeRepo(root);
  });

  function engine() {
    return createNativeEngine({ apiToken: token, baseUrl: emulator.baseUrl, log: silentLogger() });
  }

  it("applies everything, then plans no changes", async () => {
    const { desired, stack } = await load(root);
    const first = await engine().plan(desired, runOptions(stack));
    expect(first.changes.filter((c) => c.op === "create").length).toBe(7 + 2);
    const result = await engine().apply(desired, runOptions(stack, { approve: async () => true }));
    expect(result.error).toBeUndefined();
    expect(result.status).toBe("applied");
    expect(result.outcomes.every((o) => o.status === "applied")).toBe(true);
    const again = await engine().plan(desired, runOptions(stack));
    expect(again.changes).toEqual([]);
  });

  it("declines without writing when approve says no", async () => {
    const { desired, stack } = await load(root);
    await writeFiles(root, { "desired-state/zones/example.com.yaml": zoneFile.replace("ssl: strict", "ssl: full") });
    const changed = await load(root);
    const before = emulator.stats().writes;
    const result = await engine().apply(changed.desired, runOptions(stack, { approve: async () => false }));
    expect(result.status).toBe("declined");
    expect(emulator.stats().writes).toBe(before);
    await writeFiles(root, { "desired-state/zones/example.com.yaml": zoneFile });
    expect((await engine().plan(desired, runOptions(stack))).changes).toEqual([]);
  });

  it("reports drift made through the SDK field by field", async () => {
    const { desired, stack } = await load(root);
    const client = sdk(emulator);
    const zone = (await client.zones.list({ name: "example.com" })).result[0]!;
    const records = (await client.dns.records.list({ zone_id: zone.id, per_page: 100 })).result;
    const v6 = records.find((r) => r.type === "AAAA")!;
    await client.dns.records.edit(v6.id, { zone_id: zone.id, ttl: 600 } as never);
    await client.zones.settings.edit("ssl", { zone_id: zone.id, value: "flexible" } as never);
    const drift = await engine().drift(desired, runOptions(stack));
    expect(drift.changes.map((c) => `${c.op} ${c.id} ${c.fields.join(",")}`)).toEqual([
      "update example.com/settings/ssl value",
      "update example.com/dns/v6/AAAA ttl",
    ]);
    await engine().apply(desired, runOptions(stack));
    expect((await engine().drift(desired, runOptions(stack))).changes).toEqual([]);
  });

  it("fails with the zone's name when a zone is missing", async () => {
    const other = await tempRepo({ "stacks/default.yaml": "engine: native\n", "desired-state/zones/missing.org.yaml": "zone: missing.org\ndns: []\n" });
    const { desired, stack } = await load(other);
    await expect(engine().plan(desired, runOptions(stack))).rejects.toThrow(ZoneMissingError);
    await expect(engine().plan(desired, runOptions(stack))).rejects.toThrow(/missing\.org/);
    const writes = emulator.stats().writes;
    await expect(engine().apply(desired, runOptions(stack))).rejects.toThrow(/missing\.org/);
    expect(emulator.stats().writes).toBe(writes);
    await removeRepo(other);
  });
});
