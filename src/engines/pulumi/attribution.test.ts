// The Pulumi engine's attribution path without the pulumi CLI (not installed here): a drift plan
// shaped like the event translator's (no Cloudflare ids) is attributed through the native reader's
// names, against the emulator. The refresh itself is covered by the Pulumi conformance tests.
import Cloudflare from "cloudflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index.ts";
import type { Plan } from "../../plan/types.ts";
import { silentLogger } from "../../shared/logger.ts";
import { emulatorWith, load, removeRepo, requestCount, runOptions, tempRepo, token } from "../../../test/native-support.ts";
import { createNativeEngine } from "../native/index.ts";
import { attributePulumiDrift } from "./attribution.ts";

const alice = "alice-token-0123456789abcdefghijklmnopqrst";
const zoneFile = `zone: example.com
settings: { ssl: strict }
dns:
  - { name: www, type: A, content: 203.0.113.10 }
`;

describe("Pulumi drift attribution (through the native reader's names)", () => {
  let emulator: RunningEmulator;
  let root: string;
  beforeAll(async () => {
    emulator = await emulatorWith(["example.com"], { users: { [alice]: "alice@example.com" } });
    root = await tempRepo({ "stacks/default.yaml": "engine: pulumi\n", "desired-state/zones/example.com.yaml": zoneFile });
    const { desired, stack } = await load(root);
    const native = createNativeEngine({ apiToken: token, baseUrl: emulator.baseUrl, log: silentLogger() });
    expect((await native.apply(desired, runOptions(stack, { approve: async () => true }))).status).toBe("applied");
  });
  afterAll(async () => {
    await emulator.close();
    await removeRepo(root);
  });

  it("names alice for a record she changed, from a plan without Cloudflare ids", async () => {
    const { desired, stack } = await load(root);
    const since = new Date();
    const cf = new Cloudflare({ apiToken: alice, baseURL: emulator.baseUrl, maxRetries: 0 });
    const zoneId = (await cf.zones.list({ name: "example.com" })).result[0]!.id;
    const [record] = (await cf.dns.records.list({ zone_id: zoneId, name: { exact: "www.example.com" } } as never)).result;
    await cf.dns.records.edit(record!.id, { zone_id: zoneId, content: "198.51.100.9" } as never);
    const plan: Plan = {
      stack: "default", engine: "pulumi", account: emulator.accountId,
      changes: [{ kind: "dns-record", id: "example.com/dns/www/A", zone: "example.com", op: "update", fields: ["content"], before: { content: "198.51.100.9" }, after: { content: "203.0.113.10" } }],
    };
    await attributePulumiDrift(plan, desired, runOptions(stack, { attributionSince: since }), { apiToken: token, baseUrl: emulator.baseUrl });
    expect(plan.changes[0]!.changedBy).toMatchObject({ actor: "alice@example.com", via: "api", action: "update" });
    expect(plan.attribution).toMatchObject({ source: "audit-log-v2", entries: 1 });
  });

  it("without drift reads only the one audit-log page", async () => {
    const { desired, stack } = await load(root);
    const plan: Plan = { stack: "default", engine: "pulumi", account: emulator.accountId, changes: [] };
    const before = requestCount(emulator);
    await attributePulumiDrift(plan, desired, runOptions(stack, { attributionSince: new Date() }), { apiToken: token, baseUrl: emulator.baseUrl });
    expect(emulator.stats().requests.slice(before).map((r) => `${r.method} ${r.route}`)).toEqual(["GET /accounts/{account_id}/logs/audit"]);
    expect(plan.attribution).toMatchObject({ source: "audit-log-v2", entries: 0 });
  });
});
