// The Automation API adapter with the real pulumi CLI against the emulator: state repair after a
// crash. Skips with one printed line when the CLI is not on PATH (CI's pulumi-conformance job has it).
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index.ts";
import { silentLogger } from "../../shared/logger.ts";
import { emulatorWith, load, removeRepo, runOptions, tempRepo, token } from "../../../test/native-support.ts";
import { findPulumiCli } from "./cli.ts";
import { createPulumiEngine } from "./index.ts";
import { resolvePulumiSettings } from "./settings.ts";

const cli = findPulumiCli();
if (!cli) console.log("pulumi adapter tests skipped: the pulumi CLI is not on PATH");

const zoneFile = `zone: example.com
dns:
  - { name: www, type: A, content: 203.0.113.10 }
`;

describe.runIf(cli)("Pulumi adapter with the real CLI", () => {
  let emulator: RunningEmulator;
  let root: string;
  const env = () => ({ ...process.env, PULUMI_CONFIG_PASSPHRASE: "adapter-test", PULUMI_BACKEND_URL: "", CFGITOPS_ALLOW_FILE_BACKEND: "1" });
  const engine = () => createPulumiEngine({ dataDir: join(root, "data"), apiToken: token, baseUrl: emulator.baseUrl, log: silentLogger(), env: env() });

  beforeAll(async () => {
    emulator = await emulatorWith(["example.com"]);
    root = await tempRepo({ "stacks/default.yaml": "engine: pulumi\n", "desired-state/zones/example.com.yaml": zoneFile });
  }, 300_000);

  afterAll(async () => {
    await emulator.close();
    await removeRepo(root);
  });

  it("clears pending operations left by a crash, with a warning, and converges", async () => {
    const { desired, stack } = await load(root);
    const applied = await engine().apply(desired, runOptions(stack));
    expect(applied.status).toBe("applied");

    // what a kill -9 during `pulumi up` leaves behind
    const { automation } = await import("@pulumi/pulumi");
    const settings = resolvePulumiSettings(join(root, "data"), env());
    const workspace = await automation.LocalWorkspace.create({ workDir: settings.workDir, envVars: settings.envVars });
    const state = await workspace.exportStack("default");
    const record = (state.deployment.resources as { type: string }[]).find((r) => r.type === "cloudflare:index/dnsRecord:DnsRecord");
    state.deployment.pending_operations = [{ resource: record, type: "updating" }];
    await workspace.importStack("default", state);

    const plan = await engine().plan(desired, runOptions(stack));
    expect(plan.warnings).toEqual([expect.stringMatching(/^cleared 1 pending Pulumi operation\(s\).*updating example.com\/dns\/www\/A\/203.0.113.10/)]);
    expect(plan.changes).toEqual([]);
    const again = await engine().plan(desired, runOptions(stack));
    expect(again.warnings ?? []).toEqual([]);
  }, 300_000);
});
