// API-call budget, counted at the emulator: 10 zones x 1,000 records.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../src/emulator/index.ts";
import { createNativeEngine } from "../src/engines/native/index.ts";
import { dnsPageSize } from "../src/kinds/dns-record/native.ts";
import { kinds } from "../src/kinds/registry.ts";
import { expandDesired } from "../src/plan/expand.ts";
import { silentLogger } from "../src/shared/logger.ts";
import { allKindsDesired, allKindsStack, benchTunnel } from "../bench/all-kinds-workload.ts";
import { benchDesired, benchStack, seedBody, zoneName } from "../bench/native-workload.ts";
import { emulatorWith, requestCount, runOptions, sdk, token } from "./native-support.ts";

describe("API-call budget", () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await emulatorWith(Array.from({ length: 11 }, (_, i) => zoneName(i)), { batchLimit: 200 });
  });
  afterAll(async () => {
    await emulator.close();
  });

  function engine() {
    return createNativeEngine({ apiToken: token, baseUrl: emulator.baseUrl, log: silentLogger() });
  }

  it("a no-change drift of 10 zones x 1,000 records stays within 10 x (ceil(1000/per_page) + 4) requests", async () => {
    const desired = benchDesired(10, 1000);
    const zoneIds = new Map<string, string>();
    for (const zone of desired.zones) zoneIds.set(zone.zone, emulator.seedZone(zone.zone).id);
    for (const zone of desired.zones) for (const spec of zone.dns!) emulator.seedRecord(zoneIds.get(zone.zone)!, seedBody(spec));
    const before = requestCount(emulator);
    const drift = await engine().drift(desired, runOptions(benchStack()));
    expect(drift.changes).toEqual([]);
    const used = requestCount(emulator) - before;
    expect(used).toBeLessThanOrEqual(10 * (Math.ceil(1000 / dnsPageSize) + 4));
    // one zone list, then per zone: one DNS page, settings, firewall entrypoint; and one audit-log page (attribution)
    expect(used).toBe(1 + 10 * 3 + 1);
    expect(emulator.stats().requests.slice(before).filter((r) => r.route === "/accounts/{account_id}/logs/audit")).toHaveLength(1);
    expect(emulator.stats().writes).toBe(0);
  }, 60_000);

  it("a no-change drift of 10 zones with every kind costs one read per zone-file kind and zone, 1 for the lists, 1 per list, 1 for the bulk redirect rules, 1 each for Access groups, policies and applications, and the zone and tunnel reads", async () => {
    const budget = await emulatorWith(Array.from({ length: 10 }, (_, i) => zoneName(i)));
    try {
      await sdk(budget).zeroTrust.tunnels.cloudflared.create({ account_id: budget.accountId, name: benchTunnel, config_src: "cloudflare" });
      const lists = 3;
      const desired = allKindsDesired(10, 50, lists);
      // the workload has every registered kind (a kind added later joins it, and this budget)
      expect(new Set(expandDesired(desired, { resolved: new Map([["tunnel-service", new Map([[benchTunnel, "tunnel-id"]])]]) }).resources.map((r) => r.kind))).toEqual(new Set(kinds.map((kind) => kind.id)));
      const zoneKinds = kinds.filter((kind) => kind.placement.scope === "zone").length;
      const native = createNativeEngine({ apiToken: token, baseUrl: budget.baseUrl, log: silentLogger() });
      const applied = await native.apply(desired, runOptions(allKindsStack(), { approve: async () => true }));
      expect(applied.error).toBeUndefined();
      const before = requestCount(budget);
      // as the daemon does: the audit log is read from the end of the previous apply
      const drift = await native.drift(desired, runOptions(allKindsStack(), { attributionSince: new Date() }));
      expect(drift.changes).toEqual([]);
      const used = budget.stats().requests.slice(before).map((r) => `${r.method} ${r.route}`);
      // today's reads: the zone list, the account (lists and tunnels need it), the tunnel by name and its configuration
      // and one audit-log page: who changed what, when something drifted (issue 17)
      // the account comes from the zones' own (no GET /accounts)
      expect(used).not.toContain("GET /accounts");
      const today = ["GET /zones", "GET /accounts/{account_id}/cfd_tunnel", "GET /accounts/{account_id}/cfd_tunnel/{tunnel_id}/configurations", "GET /accounts/{account_id}/logs/audit"];
      for (const route of today) expect(used, route).toContain(route);
      // lists: the account's lists, each one's items (the redirect list's too), the bulk redirect entrypoint
      const listReads = 1 + (lists + 1) + 1;
      // Access: the account's groups, policies and applications, one page each (service tokens and
      // login methods only when a rule names one)
      const accessReads = 3;
      for (const route of ["GET /accounts/{account_id}/access/groups", "GET /accounts/{account_id}/access/policies", "GET /accounts/{account_id}/access/apps"]) expect(used.filter((r) => r === route), route).toHaveLength(1);
      expect(used.filter((r) => r.endsWith("/logs/audit"))).toHaveLength(1);
      expect(used.length).toBe(10 * zoneKinds + listReads + accessReads + today.length); // exactly: nothing is read twice
      expect(used.filter((r) => r === "GET /zones/{zone_id}/rulesets/phases/{ruleset_phase}/entrypoint")).toHaveLength(10 * kinds.filter((kind) => kind.docs.model === "ruleset phase").length);
      expect(used.filter((r) => r === "GET /accounts/{account_id}/rulesets/phases/{ruleset_phase}/entrypoint")).toHaveLength(1);
      expect(used.filter((r) => r === "GET /accounts/{account_id}/rules/lists")).toHaveLength(1);
      expect(used.filter((r) => r === "GET /accounts/{account_id}/rules/lists/{list_id}/items")).toHaveLength(lists + 1);
      expect(budget.stats().requests.slice(before).every((r) => r.method === "GET")).toBe(true);
    } finally {
      await budget.close();
    }
  }, 60_000);

  it("applies 1,000 DNS changes in one zone with at most ceil(1000/200) DNS write requests", async () => {
    const desired = benchDesired(11, 1000);
    desired.zones = desired.zones.slice(10); // zone-10: empty in the emulator
    const before = emulator.stats().requests.length;
    const result = await engine().apply(desired, runOptions(benchStack()));
    expect(result.error).toBeUndefined();
    expect(result.outcomes.filter((o) => o.kind === "dns-record" && o.status === "applied")).toHaveLength(1000);
    const writes = emulator.stats().requests.slice(before).filter((r) => r.method !== "GET" && r.route.includes("dns_records"));
    expect(writes.length).toBeLessThanOrEqual(Math.ceil(1000 / 200));
    expect(writes.every((r) => r.route.endsWith("/dns_records/batch") && r.status === 200)).toBe(true);
    expect((await engine().drift(desired, runOptions(benchStack()))).changes).toEqual([]);
  }, 60_000);
});
