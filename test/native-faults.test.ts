// Faults: 429 with retry-after, 5xx, and a failure in the middle of an apply. No duplicates,
// a clear error, and the next apply converges.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../src/emulator/index.ts";
import { createNativeEngine } from "../src/engines/native/index.ts";
import type { DesiredState, StackConfig } from "../src/desired-state/types.ts";
import { RateLimitError } from "../src/shared/errors.ts";
import { silentLogger } from "../src/shared/logger.ts";
import { emulatorWith, load, removeRepo, runOptions, sdk, tempRepo, token } from "./native-support.ts";

const records = Array.from({ length: 24 }, (_, i) => `  - { name: host${i}, type: A, content: 192.0.2.${i + 1}, ttl: 300 }`).join("\n");
const zoneFile = `zone: faults.example
settings: { ssl: strict }
dns:
${records}
  - { name: "@", type: TXT, content: 'a "quoted" ; value \\ here' }
firewall:
  - { ref: block-bots, expression: '(http.user_agent contains "BadBot")', action: block }
`;

describe("native engine under injected faults", () => {
  let emulator: RunningEmulator;
  let root: string;
  let desired: DesiredState;
  let stack: StackConfig;
  beforeAll(async () => {
    emulator = await emulatorWith(["faults.example"]);
    root = await tempRepo({ "stacks/default.yaml": "engine: native\ndns_batch_size: 10\n", "desired-state/zones/faults.example.yaml": zoneFile });
    ({ desired, stack } = await load(root));
  });
  beforeEach(() => emulator.reset());
  afterAll(async () => {
    await emulator.close();
    await removeRepo(root);
  });

  function engine(retry?: { maxRetries?: number; maxWaitMs?: number }) {
    return createNativeEngine({ apiToken: token, baseUrl: emulator.baseUrl, log: silentLogger(), ...(retry && { retry }) });
  }

  async function liveRecords(): Promise<{ name: string; type: string; content?: string }[]> {
    const client = sdk(emulator);
    const zoneId = (await client.zones.list({ name: "faults.example" })).result[0]!.id;
    return (await client.dns.records.list({ zone_id: zoneId, per_page: 5000 })).result as never;
  }

  async function expectConvergedWithoutDuplicates(): Promise<void> {
    expect((await engine().plan(desired, runOptions(stack))).changes).toEqual([]);
    const live = await liveRecords();
    expect(live).toHaveLength(25);
    expect(new Set(live.map((r) => `${r.name} ${r.type} ${r.content}`)).size).toBe(25);
  }

  it("waits out 429s as retry-after says and completes", async () => {
    emulator.setFaults({ rateLimit: { limit: 4, windowMs: 1000 } });
    const result = await engine().apply(desired, runOptions(stack));
    expect(result.error).toBeUndefined();
    expect(result.status).toBe("applied");
    expect(emulator.stats().requests.some((r) => r.status === 429)).toBe(true);
    emulator.setFaults({});
    await expectConvergedWithoutDuplicates();
  }, 30_000);

  it("stops with a clear RateLimitError when the retry budget is exhausted, writing nothing", async () => {
    emulator.setFaults({ rateLimit: { limit: 1, windowMs: 120_000 } });
    const error = await engine({ maxRetries: 2, maxWaitMs: 2_000 }).plan(desired, runOptions(stack)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).message).toMatch(/rate limit while trying to .*: Please wait/);
    expect((error as RateLimitError).hint).toMatch(/1,200 requests per 5 minutes/);
    expect(emulator.stats().writes).toBe(0);
  });

  it("retries 5xx responses and still creates each record once", async () => {
    emulator.setFaults({ errorEvery: { n: 3, status: 503 } });
    const result = await engine().apply(desired, runOptions(stack));
    expect(result.status).toBe("applied");
    expect(emulator.stats().requests.filter((r) => r.status === 503).length).toBeGreaterThan(0);
    emulator.setFaults({});
    await expectConvergedWithoutDuplicates();
  }, 30_000);

  it("fails mid-run with the API's message, reports outcomes, and the next apply converges", async () => {
    emulator.setFaults({ failNext: [{ method: "PUT", route: "/zones/{zone_id}/rulesets/phases/*/entrypoint", status: 400, code: 20021, message: "filter expression is broken" }] });
    const failed = await engine().apply(desired, runOptions(stack));
    expect(failed.status).toBe("failed");
    expect(failed.error).toContain("filter expression is broken (code 20021)");
    expect(failed.error).toContain("custom firewall rules of faults.example");
    const byKind = (kind: string) => failed.outcomes.filter((o) => o.kind === kind).map((o) => o.status);
    expect(new Set(byKind("dns-record"))).toEqual(new Set(["applied"]));
    expect(byKind("firewall-rule")).toEqual(["failed"]);
    expect(await liveRecords()).toHaveLength(25);

    const rerun = await engine().apply(desired, runOptions(stack));
    expect(rerun.status).toBe("applied");
    expect(rerun.outcomes.map((o) => `${o.kind} ${o.op}`)).toEqual(["firewall-rule create"]);
    await expectConvergedWithoutDuplicates();
  });

  it("keeps the batches before a failed one, names the API's reason, and converges once fixed", async () => {
    const zoneId = emulator.seedZone("faults.example").id;
    emulator.seedRecord(zoneId, { name: "zz-conflict.faults.example", type: "A", content: "192.0.2.200", ttl: 300 });
    const conflicted = await tempRepo({
      "stacks/default.yaml": "engine: native\ndns_batch_size: 10\n",
      "desired-state/zones/faults.example.yaml": zoneFile.replace("dns:\n", "ignore: [{ name: zz-conflict, type: A }]\ndns:\n  - { name: zz-conflict, type: CNAME, content: target.example.net }\n"),
    });
    const bad = await load(conflicted);
    const failed = await engine().apply(bad.desired, runOptions(bad.stack));
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/apply \d+ DNS change\(s\) to faults.example: HTTP 400: .*CNAME/);
    const dns = failed.outcomes.filter((o) => o.kind === "dns-record");
    expect(dns.filter((o) => o.status === "applied")).toHaveLength(20);
    expect(dns.filter((o) => o.status === "failed")).toHaveLength(6);
    expect(failed.outcomes.find((o) => o.kind === "firewall-rule")!.status).toBe("skipped");
    expect(await liveRecords()).toHaveLength(21);
    await removeRepo(conflicted);

    const rerun = await engine().apply(desired, runOptions(stack));
    expect(rerun.status).toBe("applied");
    expect(rerun.outcomes.filter((o) => o.kind === "dns-record" && o.op === "create")).toHaveLength(5);
    expect(rerun.outcomes.filter((o) => o.op === "delete").map((o) => o.id)).toEqual(["faults.example/dns/zz-conflict/A"]);
    await expectConvergedWithoutDuplicates();
  });
});
