// Saved plans end to end against the emulator: `plan --out FILE` then `apply FILE` applies exactly
// that plan; a plan made before Cloudflare moved, for another stack, engine or account, or edited
// afterwards is refused with exit 1 and nothing written.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../src/emulator/index.ts";
import { emulatorWith, removeRepo, runMain, sdk, tempRepo, writeFiles, type CliRun } from "./native-support.ts";

const zone = (ttl: number, extra = "") => `zone: example.com
settings:
  ssl: strict
dns:
  - { name: web, type: A, content: 203.0.113.10, ttl: ${ttl} }
  - { name: api, type: A, content: 203.0.113.20, ttl: 300 }${extra}
ignore:
  - { name: "_acme-challenge*" }
firewall:
  - { ref: block-bots, expression: '(http.user_agent contains "BadBot")', action: block }
`;

describe("saved plans", () => {
  let emulator: RunningEmulator;
  let root: string;
  let zoneId: string;

  beforeAll(async () => {
    emulator = await emulatorWith(["example.com"]);
    root = await tempRepo({ "stacks/default.yaml": "engine: native\n", "stacks/other.yaml": "engine: native\n", "desired-state/zones/example.com.yaml": zone(300) });
    zoneId = (await sdk(emulator).zones.list({ name: "example.com" })).result[0]!.id;
  });
  afterAll(async () => {
    await emulator.close();
    await removeRepo(root);
  });

  function cli(...args: string[]): Promise<CliRun> {
    return runMain(args, { cwd: root, emulator, env: { CFGITOPS_LOG_LEVEL: "silent" } });
  }

  async function record(name: string) {
    return (await sdk(emulator).dns.records.list({ zone_id: zoneId, name: { exact: `${name}.example.com` } } as never)).result[0]!;
  }

  it("applies exactly the saved plan, and the fingerprint it prints is the one the JSON shows", async () => {
    const planned = await cli("plan", "--stack", "default", "--format", "json", "--out", "plan.json");
    expect(planned.code).toBe(0);
    const doc = JSON.parse(planned.stdout) as { fingerprint: string; changes: unknown[] };
    expect(doc.changes.length).toBeGreaterThan(0);
    expect(planned.stderr).toContain(`Plan saved to plan.json (fingerprint ${doc.fingerprint.slice(0, 12)})`);
    const saved = JSON.parse(await readFile(join(root, "plan.json"), "utf8")) as { format: string; version: number; fingerprint: string; plan: { stack: string; engine: string; account: string } };
    expect(saved).toMatchObject({ format: "cf-gitops/plan", version: 1, fingerprint: doc.fingerprint, plan: { stack: "default", engine: "native", account: emulator.accountId } });

    const applied = await cli("apply", "plan.json", "--stack", "default", "--yes");
    expect(applied.stderr).toContain(`Applying the saved plan plan.json (fingerprint ${doc.fingerprint.slice(0, 12)})`);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain(`Applied ${doc.changes.length} change(s).`);
    expect((await record("web")).ttl).toBe(300);
    const again = await cli("plan", "--stack", "default", "--format", "json");
    expect((JSON.parse(again.stdout) as { changes: unknown[] }).changes).toEqual([]);
  });

  it("refuses when Cloudflare moved since the plan: exit 1, the moved record named, nothing written", async () => {
    await writeFiles(root, { "desired-state/zones/example.com.yaml": zone(600) });
    expect((await cli("plan", "--stack", "default", "--out", "stale.json")).code).toBe(0);
    // someone changes the record the plan updates, through the API
    await sdk(emulator).dns.records.edit((await record("web")).id, { zone_id: zoneId, ttl: 900 } as never);
    const writes = emulator.stats().writes;
    const refused = await cli("apply", "stale.json", "--stack", "default", "--yes");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("error: Cloudflare changed since the plan was made (example.com/dns/web/A); nothing was applied");
    expect(refused.stderr).toContain("hint: run plan again");
    expect(emulator.stats().writes).toBe(writes);
    expect((await record("web")).ttl).toBe(900);
  });

  it("refuses when an owned object appeared, but not for one it does not own", async () => {
    expect((await cli("plan", "--stack", "default", "--out", "fresh.json")).code).toBe(0);
    // an ignored record (_acme-challenge) is not the plan's business
    await sdk(emulator).dns.records.create({ zone_id: zoneId, name: "_acme-challenge.example.com", type: "TXT", content: '"token"', ttl: 60 } as never);
    const applied = await cli("apply", "fresh.json", "--stack", "default", "--yes");
    expect(applied.code).toBe(0);
    expect((await record("web")).ttl).toBe(600);

    await writeFiles(root, { "desired-state/zones/example.com.yaml": zone(300) });
    expect((await cli("plan", "--stack", "default", "--out", "owned.json")).code).toBe(0);
    await sdk(emulator).dns.records.create({ zone_id: zoneId, name: "stray.example.com", type: "A", content: "192.0.2.7", ttl: 60 } as never);
    const writes = emulator.stats().writes;
    const refused = await cli("apply", "owned.json", "--stack", "default", "--yes");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("(example.com/dns/stray/A)");
    expect(emulator.stats().writes).toBe(writes);
  });

  it("refuses a plan made for another stack, engine or account, or edited after it was made", async () => {
    await sdk(emulator).dns.records.delete((await record("stray")).id, { zone_id: zoneId } as never);
    expect((await cli("plan", "--stack", "default", "--out", "good.json")).code).toBe(0);
    const writes = emulator.stats().writes;
    const cases: [string[], string][] = [
      [["apply", "good.json", "--stack", "other", "--yes"], "good.json was made for stack default, not other"],
      [["apply", "good.json", "--stack", "default", "--engine", "pulumi", "--yes"], "good.json was made with the native engine, not pulumi"],
    ];
    for (const [args, message] of cases) {
      const refused = await cli(...args);
      expect(refused.code, args.join(" ")).toBe(1);
      expect(refused.stderr).toContain(message);
    }
    const otherAccount = await runMain(["apply", "good.json", "--stack", "default", "--yes"], { cwd: root, emulator, env: { CFGITOPS_LOG_LEVEL: "silent", CLOUDFLARE_ACCOUNT_ID: "0".repeat(32) } });
    expect(otherAccount.code).toBe(1);
    expect(otherAccount.stderr).toContain(`the plan was made for account ${emulator.accountId}, not ${"0".repeat(32)}`);

    const path = join(root, "good.json");
    await writeFile(path, (await readFile(path, "utf8")).replace('"ttl": 300', '"ttl": 301'));
    const edited = await cli("apply", "good.json", "--stack", "default", "--yes");
    expect(edited.code).toBe(1);
    expect(edited.stderr).toContain("good.json was changed after it was made");
    expect(emulator.stats().writes).toBe(writes);
  });
});
