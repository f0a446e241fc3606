// Issue 5 acceptance, end to end: `cf-gitops apply` (native engine) against the emulator.
// An emptied zone file is refused by max-deletions before any write call; with an exemption for
// max-deletions the same apply goes through.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../src/emulator/index.ts";
import { emulatorWith, removeRepo, runMain, sdk, tempRepo, writeFiles } from "./native-support.ts";

const zone = "lab.example";
const records = Array.from({ length: 40 }, (_, i) => `  - { name: host${i}, type: A, content: 203.0.113.${i + 1}, proxied: true }`);
const fullZone = `zone: ${zone}\ndns:\n${records.join("\n")}\n`;
const emptiedZone = `zone: ${zone}\ndns: []\n`;

describe("policy gate in apply, against the emulator", () => {
  let emulator: RunningEmulator;
  let root: string;

  beforeAll(async () => {
    emulator = await emulatorWith([zone]);
    root = await tempRepo({
      "stacks/default.yaml": "engine: native\ndesired_state: { dir: desired-state, include: [\"zones/*.yaml\"] }\n",
      [`desired-state/zones/${zone}.yaml`]: fullZone,
    });
  });
  afterAll(async () => {
    await emulator.close();
    await removeRepo(root);
  });

  async function apply() {
    const { code, stdout, stderr } = await runMain(["apply", "--yes"], { cwd: root, emulator, env: { CFGITOPS_LOG_LEVEL: "silent" } });
    return { code, out: stdout, err: stderr };
  }

  async function liveRecordCount(): Promise<number> {
    const client = sdk(emulator);
    const [z] = (await client.zones.list({ name: zone })).result;
    const page = await client.dns.records.list({ zone_id: z!.id, type: "A", per_page: 100 });
    return page.result.length;
  }

  it("applies the 40-record zone", async () => {
    const result = await apply();
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(await liveRecordCount()).toBe(40);
  });

  it("refuses an emptied zone file with exit 1, and the emulator sees no write call", async () => {
    await writeFiles(root, { [`desired-state/zones/${zone}.yaml`]: emptiedZone });
    const before = emulator.stats();
    const result = await apply();
    const after = emulator.stats();
    expect(result.code).toBe(1);
    expect(result.out).toContain("error [max-deletions] plan deletes 40 of 40 managed objects in lab.example (100%), more than 30%");
    expect(result.err).toContain("a mandatory policy failed; nothing was applied");
    expect(after.writes).toBe(before.writes);
    const newRequests = after.requests.slice(before.requests.length);
    expect(newRequests.length).toBeGreaterThan(0);
    expect(newRequests.filter((r) => r.method !== "GET")).toEqual([]);
    expect(await liveRecordCount()).toBe(40);
  });

  it("applies the same emptied zone once max-deletions is exempted for it", async () => {
    await writeFiles(root, {
      "policies/policy.yaml": [
        "exemptions:",
        "  - policy: max-deletions",
        `    resource: ${zone}`,
        "    reason: decommissioning the lab zone",
        "    expires: 2099-12-31",
        "",
      ].join("\n"),
    });
    const before = emulator.stats().writes;
    const result = await apply();
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toContain("exempted [max-deletions] lab.example: decommissioning the lab zone (until 2099-12-31)");
    expect(emulator.stats().writes).toBeGreaterThan(before);
    expect(await liveRecordCount()).toBe(0);
  });
});
