// Round trip on the shipped example with the CLI as a real process against a fresh emulator:
// apply creates everything, plan is empty, hand edits show up as drift field by field, apply restores.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import type Cloudflare from "cloudflare";
import type { RunningEmulator } from "../src/emulator/index.ts";
import { emulatorWith, runCli, runMain, sdk } from "./native-support.ts";

const repo = join(import.meta.dirname, "..");

describe("native engine round trip on the shipped example (CLI process)", () => {
  let emulator: RunningEmulator;
  let client: Cloudflare;
  beforeAll(async () => {
    emulator = await emulatorWith(["example.com", "example.net"]);
    client = sdk(emulator);
    await client.zeroTrust.tunnels.cloudflared.create({ account_id: emulator.accountId, name: "home-pi", config_src: "cloudflare" });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it("applies, plans nothing, reports exactly the hand edits as drift, and restores them", async () => {
    // a real process for the key steps; in-process (same code path, faster) for the others
    const cli = (...args: string[]) => runCli(args, { cwd: repo, emulator });
    const inProcess = (...args: string[]) => runMain(args, { cwd: repo, emulator });
    const refused = await inProcess("apply");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("pass --yes");
    expect(emulator.stats().writes).toBe(1); // only the tunnel created above

    const applied = await cli("apply", "--yes");
    expect(applied.stderr).toBe("");
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/Applied \d+ change\(s\)/);

    const plan = await inProcess("plan", "--detailed-exitcode");
    expect(plan.stdout).toContain("No changes.");
    expect(plan.code).toBe(0);

    const zone = (await client.zones.list({ name: "example.com" })).result[0]!;
    const records = (await client.dns.records.list({ zone_id: zone.id, per_page: 100 })).result;
    const blog = records.find((r) => r.name === "blog.example.com")!;
    await client.dns.records.edit(blog.id, { zone_id: zone.id, proxied: false, ttl: 300 } as never);
    const ruleset = await client.rulesets.phases.get("http_request_firewall_custom", { zone_id: zone.id });
    const rules = ruleset.rules.map((rule) => ({ ...rule, enabled: rule.ref === "block-bad-bots" ? false : rule.enabled }));
    await client.rulesets.phases.update("http_request_firewall_custom", { zone_id: zone.id, rules } as never);
    await client.zones.settings.edit("ssl", { zone_id: zone.id, value: "flexible" } as never);

    const drift = await cli("drift", "--detailed-exitcode", "--format", "json");
    expect(drift.code).toBe(2);
    const doc = JSON.parse(drift.stdout) as { changes: { id: string; op: string; fields: string[]; before: Record<string, unknown>; after: Record<string, unknown> }[] };
    expect(doc.changes.map((c) => `${c.op} ${c.id} ${c.fields.join(",")}`).sort()).toEqual([
      "update example.com/dns/blog/A proxied,ttl",
      "update example.com/firewall/block-bad-bots enabled",
      "update example.com/settings/ssl value",
    ]);
    const ssl = doc.changes.find((c) => c.id.endsWith("/ssl"))!;
    expect([ssl.before.value, ssl.after.value]).toEqual(["flexible", "strict"]);

    const text = await inProcess("drift");
    expect(text.stdout).toContain("enabled: false -> true");

    const restored = await inProcess("apply", "--yes");
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain("Applied 3 change(s).");
    const clean = await cli("drift", "--detailed-exitcode");
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain("No drift");
  }, 120_000);
});
