// Drift attribution through the native engine against the emulator and the real SDK: who changed
// what (DNS, a ruleset's rules, a setting, a list), v2 with its cursor paging and the page cap, the
// fallback to v1, and a token without audit-log permission (a note, never a failure).
import Cloudflare from "cloudflare";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../emulator/index.ts";
import { createNativeEngine } from "../engines/native/index.ts";
import { silentLogger } from "../shared/logger.ts";
import { emulatorWith, load, removeRepo, requestCount, runOptions, tempRepo, token } from "../../test/native-support.ts";

const zoneFile = `zone: example.com
settings:
  ssl: strict
dns:
  - { name: www, type: A, content: 203.0.113.10 }
  - { name: api, type: A, content: 203.0.113.11 }
firewall:
  - { ref: block-bots, expression: '(http.user_agent contains "BadBot")', action: block }
`;
const listFile = `list: blocked_ips
kind: ip
items:
  - { ip: 192.0.2.1 }
`;
const alice = "alice-token-0123456789abcdefghijklmnopqrst";
const bob = "bob-token-0123456789abcdefghijklmnopqrstuv";

describe("drift attribution (native engine, emulator)", () => {
  let emulator: RunningEmulator;
  let root: string;
  const engine = () => createNativeEngine({ apiToken: token, baseUrl: emulator.baseUrl, log: silentLogger() });
  const as = (who: string) => new Cloudflare({ apiToken: who, baseURL: emulator.baseUrl, maxRetries: 0 });

  beforeAll(async () => {
    emulator = await emulatorWith(["example.com"], { users: { [alice]: "alice@example.com", [bob]: { email: "bob@example.com", via: "dashboard" } } });
    root = await tempRepo({ "stacks/default.yaml": "engine: native\n", "desired-state/zones/example.com.yaml": zoneFile, "desired-state/lists/blocked_ips.yaml": listFile });
    const { desired, stack } = await load(root);
    const result = await engine().apply(desired, runOptions(stack, { approve: async () => true }));
    expect(result.status).toBe("applied");
  });
  afterAll(async () => {
    await emulator.close();
    await removeRepo(root);
  });
  beforeEach(() => emulator.setFaults({}));

  async function zoneId(): Promise<string> {
    const zones = await as(alice).zones.list({ name: "example.com" });
    return zones.result[0]!.id;
  }

  it("names whoever last changed each drifted object, with one audit-log request", async () => {
    const { desired, stack } = await load(root);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const since = new Date();
    const zone = await zoneId();
    const records = await as(alice).dns.records.list({ zone_id: zone, name: { exact: "www.example.com" } } as never);
    const www = records.result[0]!;
    await as(bob).dns.records.edit(www.id, { zone_id: zone, content: "198.51.100.1" } as never);
    await as(alice).dns.records.edit(www.id, { zone_id: zone, content: "198.51.100.2" } as never); // the newest wins
    await as(bob).zones.settings.edit("ssl", { zone_id: zone, value: "flexible" } as never);
    const ruleset = await as(alice).rulesets.phases.get("http_request_firewall_custom", { zone_id: zone });
    await as(alice).rulesets.phases.update("http_request_firewall_custom", { zone_id: zone, rules: ruleset.rules.map((rule) => ({ ...rule, action: "log" })) } as never);
    const before = requestCount(emulator, /audit/);

    const drift = await engine().drift(desired, runOptions(stack, { attributionSince: since }));

    expect(requestCount(emulator, /audit/) - before).toBe(1);
    const by = Object.fromEntries(drift.changes.map((change) => [change.id, change.changedBy]));
    expect(by["example.com/dns/www/A"]).toEqual({ actor: "alice@example.com", at: expect.any(String), action: "update", via: "api", ip: "127.0.0.1" });
    expect(by["example.com/settings/ssl"]).toMatchObject({ actor: "bob@example.com", via: "dashboard", action: "update" });
    expect(by["example.com/firewall/block-bots"]).toMatchObject({ actor: "alice@example.com", via: "api" });
    expect(Date.parse(by["example.com/dns/www/A"]!.at)).toBeGreaterThanOrEqual(since.getTime());
    expect(drift.attribution).toEqual({ source: "audit-log-v2", since: since.toISOString(), entries: 4 });
    // the api record was not touched: no entry names it
    expect(drift.changes.find((change) => change.id === "example.com/dns/api/A")).toBeUndefined();
  });

  it("leaves out entries older than the window (the previous run's start)", async () => {
    const { desired, stack } = await load(root);
    const drift = await engine().drift(desired, runOptions(stack, { attributionSince: new Date(Date.now() + 1000) }));
    expect(drift.changes.length).toBeGreaterThan(0);
    expect(drift.changes.every((change) => change.changedBy === undefined)).toBe(true);
    expect(drift.attribution).toMatchObject({ source: "audit-log-v2", entries: 0 });
  });

  it("pages with the cursor and stops at the page cap with a note", async () => {
    const { readAuditLog } = await import("./read-log.ts");
    const before = requestCount(emulator, /audit/);
    const read = await readAuditLog(as(alice), { accountId: emulator.accountId, since: new Date(0), before: new Date(Date.now() + 60_000), pageSize: 2, maxPages: 2 });
    expect(requestCount(emulator, /audit/) - before).toBe(2);
    expect(read).toMatchObject({ source: "audit-log-v2", rows: 4, truncated: true });
    const all = await readAuditLog(as(alice), { accountId: emulator.accountId, since: new Date(0), before: new Date(Date.now() + 60_000), pageSize: 1000 });
    expect(all).toMatchObject({ source: "audit-log-v2", truncated: false });
    const records = (all as { records: { at: string }[] }).records;
    expect(records.length).toBe(emulator.auditLog().length);
    expect(records.map((r) => r.at)).toEqual([...records.map((r) => r.at)].sort().reverse());
  });

  it("falls back to v1 where v2 answers with an error", async () => {
    const { desired, stack } = await load(root);
    emulator.setFaults({ auditLogs: { v2: 404 } }); // a 5xx would be retried first; any error falls back
    const drift = await engine().drift(desired, runOptions(stack, { attributionSince: new Date(Date.now() - 60_000) }));
    expect(drift.attribution?.source).toBe("audit-log-v1");
    const www = drift.changes.find((change) => change.id === "example.com/dns/www/A");
    expect(www?.changedBy).toMatchObject({ actor: "alice@example.com", action: "update", via: "api" });
    expect(drift.changes.find((change) => change.id === "example.com/settings/ssl")?.changedBy).toMatchObject({ actor: "bob@example.com", via: "dashboard" });
  });

  it("without audit-log permission: one note, no changedBy, and the same drift", async () => {
    const { desired, stack } = await load(root);
    const allowed = await engine().drift(desired, runOptions(stack, { attributionSince: false }));
    emulator.setFaults({ auditLogs: { v2: 403, v1: 403 } });
    const writes = emulator.stats().writes;
    const drift = await engine().drift(desired, runOptions(stack));
    expect(drift.attribution).toEqual({ source: "none", since: expect.any(String), entries: 0, note: expect.stringMatching(/^attribution unavailable: the token lacks Account › Account Settings › Read, .*\(HTTP 403\)$/) });
    expect(drift.changes.every((change) => change.changedBy === undefined)).toBe(true);
    expect(drift.changes).toEqual(allowed.changes);
    expect(emulator.stats().writes).toBe(writes);
  });
});
