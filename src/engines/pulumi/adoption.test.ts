// Adoption against the emulator: objects written by the native engine are found through the native
// reader and mapped to Pulumi import ids under the program's logical names.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DesiredState, StackConfig } from "../../desired-state/types.ts";
import type { RunningEmulator } from "../../emulator/index.ts";
import { ZoneMissingError } from "../../shared/errors.ts";
import { silentLogger } from "../../shared/logger.ts";
import { emulatorWith, load, removeRepo, runOptions, sdk, tempRepo, token } from "../../../test/native-support.ts";
import { createNativeEngine } from "../native/index.ts";
import { rulesetLogicalName } from "../../kinds/shared/ruleset-phase/pulumi.ts";
import { tunnelConfigName } from "../../kinds/tunnel-service/pulumi.ts";
import { expandDesired } from "../../plan/expand.ts";
import { nativeAdapters } from "../native/adapters.ts";
import { nativeContext, resolveNames } from "../native/planner.ts";
import { planAdoption } from "./adoption.ts";
import { pulumiAdapters } from "./adapters.ts";
import { formatPulumiImportIds, listPulumiImportIds } from "./import-ids.ts";
import { liveClient, resolveZones } from "./live.ts";
import { encodeLogicalName } from "./names.ts";

const rulesetName = (zone: string) => rulesetLogicalName(zone, "firewall");

const zoneFile = `zone: example.com
settings:
  ssl: strict
dns:
  - { name: "@", type: A, content: 203.0.113.10, proxied: true }
  - { name: v6, type: AAAA, content: "2001:db8::1", ttl: 300 }
firewall:
  - { ref: block-bots, expression: '(http.user_agent contains "BadBot")', action: block }
`;

describe("Pulumi adoption of existing objects", () => {
  let emulator: RunningEmulator;
  let root: string;
  let desired: DesiredState;
  let stack: StackConfig;
  let tunnelId: string;
  let zoneId: string;

  beforeAll(async () => {
    emulator = await emulatorWith(["example.com"]);
    const tunnel = await sdk(emulator).zeroTrust.tunnels.cloudflared.create({ account_id: emulator.accountId, name: "home-pi", config_src: "cloudflare" });
    tunnelId = tunnel.id!;
    root = await tempRepo({
      "stacks/default.yaml": "engine: native\ntunnels:\n  home-pi: {}\n",
      "desired-state/zones/example.com.yaml": zoneFile,
      "desired-state/services/grafana.yaml": "service: grafana\nhostname: grafana.example.com\norigin: http://localhost:3000\ntunnel: home-pi\n",
    });
    ({ desired, stack } = await load(root));
    const native = createNativeEngine({ apiToken: token, baseUrl: emulator.baseUrl, log: silentLogger() });
    const result = await native.apply(desired, runOptions(stack, { approve: async () => true }));
    expect(result.status).toBe("applied");
    zoneId = (await sdk(emulator).zones.list({ name: "example.com" })).result[0]!.id;
  });

  afterAll(async () => {
    await emulator.close();
    await removeRepo(root);
  });

  async function adoption(inState: Set<string> = new Set(), state: DesiredState = desired) {
    const client = liveClient({ apiToken: token, baseUrl: emulator.baseUrl, log: silentLogger() });
    const native = nativeContext(client, runOptions(stack), emulator.accountId);
    const zones = await resolveZones(client, emulator.accountId, state);
    const nativeByKind = await nativeAdapters();
    const resolved = await resolveNames(nativeByKind, state, native);
    const expanded = expandDesired(state, { resolved, zoneNames: [...zones.keys()] });
    return planAdoption({ expanded, accountId: emulator.accountId, zones, resolved, inState, native, nativeAdapters: nativeByKind, pulumiAdapters: await pulumiAdapters() });
  }

  it("imports every matching object with the provider's id formats, under the program's logical names", async () => {
    const records = (await sdk(emulator).dns.records.list({ zone_id: zoneId })).result;
    const idOf = (type: string) => records.find((record) => record.type === type)!.id;
    const { imports, warnings } = await adoption();
    expect(warnings).toEqual([]);
    expect(imports).toEqual({
      [encodeLogicalName("example.com/dns/@/A")]: `${zoneId}/${idOf("A")}`,
      [encodeLogicalName("example.com/dns/v6/AAAA")]: `${zoneId}/${idOf("AAAA")}`,
      ["example.com/dns/grafana/CNAME"]: `${zoneId}/${idOf("CNAME")}`,
      [encodeLogicalName("example.com/settings/ssl")]: `${zoneId}/ssl`,
      [rulesetName("example.com")]: expect.stringMatching(new RegExp(`^zones/${zoneId}/[0-9a-f]{32}$`)),
      [tunnelConfigName("home-pi")]: `${emulator.accountId}/${tunnelId}`,
    });
  });

  it("imports nothing that the stack's state already holds, and reads no zone whose objects are all managed", async () => {
    const everything = Object.keys((await adoption()).imports);
    const before = emulator.stats().requests.length;
    const { imports } = await adoption(new Set(everything));
    expect(imports).toEqual({});
    const reads = emulator.stats().requests.slice(before).map((r) => r.route);
    expect(reads.some((route) => route.includes("dns_records"))).toBe(false);
  });

  it("an existing object that differs is imported ignoring its inputs, and the update that follows is the native plan", async () => {
    const changed: DesiredState = structuredClone(desired);
    changed.zones[0]!.dns![1]!.ttl = 3600;
    changed.zones[0]!.firewall![0]!.action = "log";
    const { imports, adopting, changes, warnings } = await adoption(new Set(), changed);
    expect(warnings).toEqual([]);
    expect(imports[encodeLogicalName("example.com/dns/v6/AAAA")]).toMatch(new RegExp(`^${zoneId}/`));
    expect(imports[rulesetName("example.com")]).toMatch(new RegExp(`^zones/${zoneId}/[0-9a-f]{32}$`));
    expect(adopting[encodeLogicalName("example.com/dns/v6/AAAA")]!.ignoreChanges).toEqual(expect.arrayContaining(["content", "ttl", "proxied"]));
    // the entrypoint is adopted under its live name, whatever its rules
    expect(adopting[rulesetName("example.com")]).toEqual({ ignoreChanges: ["rules", "description"], hints: { name: expect.any(String) } });
    expect(changes.map((c) => `${c.op} ${c.id} ${c.fields.join(",")}`).sort()).toEqual(["update example.com/dns/v6/AAAA ttl", "update example.com/firewall/block-bots action"]);

    // the same differences, as the native engine plans them
    const native = createNativeEngine({ apiToken: token, baseUrl: emulator.baseUrl, log: silentLogger() });
    const plan = await native.plan(changed, runOptions(stack));
    expect(plan.changes.map((c) => `${c.op} ${c.id} ${c.fields.join(",")}`).sort()).toEqual(changes.map((c) => `${c.op} ${c.id} ${c.fields.join(",")}`).sort());
  });

  it("an entrypoint with no rules (made in the dashboard, all rules gone) is still adopted: a POST would be refused", async () => {
    const client = sdk(emulator);
    const entrypoint = await client.rulesets.phases.get("http_request_firewall_custom", { zone_id: zoneId });
    await client.rulesets.phases.update("http_request_firewall_custom", { zone_id: zoneId, rules: [] } as never);
    try {
      const { imports, changes } = await adoption();
      expect(imports[rulesetName("example.com")]).toBe(`zones/${zoneId}/${entrypoint.id}`);
      expect(changes.map((c) => `${c.op} ${c.id}`)).toEqual(["create example.com/firewall/block-bots"]);
    } finally {
      await client.rulesets.phases.update("http_request_firewall_custom", { zone_id: zoneId, rules: entrypoint.rules } as never);
    }
  });

  it("a tunnel the stack names without services is adopted too (its ingress goes, the catch-all stays)", async () => {
    const withoutServices: DesiredState = { ...structuredClone(desired), services: [] };
    const { imports, changes } = await adoption(new Set(), withoutServices);
    expect(imports[tunnelConfigName("home-pi")]).toBe(`${emulator.accountId}/${tunnelId}`);
    expect(changes.map((c) => `${c.op} ${c.kind} ${c.id}`)).toEqual(["delete tunnel-service services/grafana.example.com"]);
  });

  it("lists a zone's Pulumi import ids for `cf-gitops import --zone`", async () => {
    const ids = await listPulumiImportIds({ apiToken: token, baseUrl: emulator.baseUrl }, "example.com", (r) => r.kind !== "zone-settings" || r.id === "example.com/settings/ssl");
    const lines = formatPulumiImportIds(ids).split("\n");
    expect(lines).toContain(`pulumi import cloudflare:index/zoneSetting:ZoneSetting 'example.com/settings/ssl' '${zoneId}/ssl'`);
    expect(lines.filter((line) => line.includes("dnsRecord:DnsRecord"))).toHaveLength(3);
    expect(lines.filter((line) => line.includes("ruleset:Ruleset"))).toEqual([expect.stringContaining(`'example.com/firewall' 'zones/${zoneId}/`)]);
    await expect(listPulumiImportIds({ apiToken: token, baseUrl: emulator.baseUrl }, "missing.example"), "unknown zone").rejects.toBeInstanceOf(ZoneMissingError);
  });
});
