// doctor against the emulator (which takes any token, so whatever a fault does not refuse passes):
// the warning about a token the pulumi engine's provider would reject (issue 13), the audit log as
// a warning, and every registered kind's read permission, each probed and named when refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../emulator/index.ts";
import { nativeAdapters } from "../engines/native/adapters.ts";
import { createClient } from "../engines/native/index.ts";
import { silentLogger } from "../shared/logger.ts";
import { permissionName } from "../kinds/permissions.ts";
import { kinds } from "../kinds/registry.ts";
import { emulatorWith, removeRepo, runMain, tempRepo, token } from "../../test/native-support.ts";

describe("cf-gitops doctor and the API token's shape", () => {
  let emulator: RunningEmulator;
  let root: string;
  beforeAll(async () => {
    emulator = await emulatorWith(["doctor.example"]);
    root = await tempRepo({ "stacks/default.yaml": "engine: pulumi\n", "desired-state/zones/doctor.example.yaml": "zone: doctor.example\n" });
  });
  afterAll(async () => {
    await emulator.close();
    await removeRepo(root);
  });

  it("warns when CLOUDFLARE_API_TOKEN is not 40 to 80 letters, digits, - or _", async () => {
    const result = await runMain(["doctor"], { cwd: root, emulator, env: { PATH: "/nonexistent", CLOUDFLARE_API_TOKEN: "emulator-token" } });
    expect(result.stdout).toContain("warn  CLOUDFLARE_API_TOKEN is 14 characters long; the Pulumi provider only accepts tokens of 40 to 80 letters, digits, - or _");
    expect(result.stdout).toContain("(the native engine is not affected)");
    expect(result.stdout).toContain("ok    token is active");
  });

  it("says nothing about a token of the provider's shape", async () => {
    const result = await runMain(["doctor"], { cwd: root, emulator, env: { PATH: "/nonexistent", CLOUDFLARE_API_TOKEN: token } });
    expect(result.stdout).not.toContain("CLOUDFLARE_API_TOKEN is");
    expect(result.stdout).toContain("ok    token is active");
  });

  it("says whether the audit log is readable (drift attribution), as a warning only", async () => {
    const env = { PATH: "/nonexistent", CLOUDFLARE_API_TOKEN: token, CLOUDFLARE_ACCOUNT_ID: emulator.accountId };
    const readable = await runMain(["doctor"], { cwd: root, emulator, env });
    expect(readable.stdout).toContain("ok    account: audit log readable (drift reports name who changed what)");
    emulator.setFaults({ auditLogs: { v2: 403 } });
    try {
      const denied = await runMain(["doctor"], { cwd: root, emulator, env });
      expect(denied.stdout).toContain("warn  account: audit log not readable: drift reports cannot name who changed what (add Account › Account Settings › Read)");
      expect(denied.code).toBe(readable.code); // a warning: doctor's verdict is the same
    } finally {
      emulator.setFaults({});
    }
  });

  it("probes every registered kind's read permission and names the one refused (all pass otherwise)", async () => {
    const env = { PATH: "/nonexistent", CLOUDFLARE_API_TOKEN: token, CLOUDFLARE_ACCOUNT_ID: emulator.accountId };
    const allowed = await runMain(["doctor"], { cwd: root, emulator, env });
    for (const kind of kinds) expect(allowed.stdout, kind.id).toMatch(new RegExp(`ok    (doctor\\.example|account): readable: .*${kind.plural}`));
    expect(allowed.stdout).not.toContain("missing permission");
    const adapters = await nativeAdapters();
    const client = createClient({ apiToken: token, baseUrl: emulator.baseUrl, log: silentLogger() });
    const zone = { id: (await client.zones.list()).result[0]!.id, name: "doctor.example", accountId: emulator.accountId };
    for (const kind of kinds) {
      // the routes the kind's probe reads, refused as Cloudflare refuses a token without the permission
      const before = emulator.stats().requests.length;
      // (a 404 still names the route: a phase without an entrypoint yet)
      await adapters.get(kind.id)!.probe!({ zone, accountId: emulator.accountId }, { client, log: silentLogger(), accountId: () => Promise.resolve(emulator.accountId) }).catch(() => undefined);
      const routes = emulator.stats().requests.slice(before).map((request) => request.route);
      expect(routes.length, kind.id).toBeGreaterThan(0);
      emulator.setFaults({ failNext: routes.map((route) => ({ method: "GET", route, status: 403, code: 10000, message: "Authentication error", count: 1000 })) });
      try {
        const refused = await runMain(["doctor"], { cwd: root, emulator, env });
        expect(refused.stdout, kind.id).toContain(`missing permission ${permissionName(kind.permissions[0], "Read")} (`);
        expect(refused.code, kind.id).toBe(1);
      } finally {
        emulator.setFaults({});
      }
    }
  }, 60_000);
});
