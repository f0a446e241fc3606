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

  it("an existing object that differs is not imported (Pulumi would refuse) and is named in a warning", async () => {
    const changed: DesiredState = structuredClone(desired);
    changed.zones[0]!.dns![1]!.ttl = 3600;
    changed.zones[0]!.firewall![0]!.action = "log";
    const { imports, warnings } = await adoption(new Set(), changed);
    expect(imports[encodeLogicalName("example.com/dns/v6/AAAA")]).toBeUndefined();
    expect(imports[rulesetName("example.com")]).toBeUndefined();
    expect(warnings).toEqual([
      expect.stringMatching(/^example.com\/dns\/v6\/AAAA exists in Cloudflare with other settings.*cf-gitops import --zone example.com/),
      expect.stringMatching(/^example.com\/firewall: the zone already has custom firewall rules that differ/),
    ]);
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
