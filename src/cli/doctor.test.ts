// doctor's warning about a token the pulumi engine's provider would reject (issue 13), against the
// emulator (which takes any token, so the rest of doctor passes).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../emulator/index.ts";
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
});
