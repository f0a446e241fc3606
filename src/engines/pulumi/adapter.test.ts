// The Automation API adapter with the real pulumi CLI against the emulator: state repair after a
// crash. Skips with one printed line when the CLI is not on PATH (CI's pulumi-conformance job has it).
import { join } from "node:path";
import type * as CloudflareSdk from "@pulumi/cloudflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index.ts";
import { silentLogger } from "../../shared/logger.ts";
import { emulatorWith, load, removeRepo, runOptions, sdk, tempRepo, token } from "../../../test/native-support.ts";
import { findPulumiCli } from "./cli.ts";
import { createPulumiEngine } from "./index.ts";
import { resolvePulumiSettings } from "./settings.ts";

const cli = findPulumiCli();
if (!cli) console.log("pulumi adapter tests skipped: the pulumi CLI is not on PATH");

const zoneFile = `zone: example.com
dns:
  - { name: www, type: A, content: 203.0.113.10 }
`;

/** The program of cf-gitops before issue 27: the token as the provider's input (held in the state). */
function tokenInStateProgram(cloudflare: typeof CloudflareSdk, zoneId: string, baseUrl: string) {
  return async () => {
    const provider = new cloudflare.Provider("cloudflare", { apiToken: token, baseUrl });
    new cloudflare.DnsRecord("example.com/dns/www/A", { zoneId, name: "www.example.com", type: "A", content: "203.0.113.10", ttl: 1, proxied: false, tags: [] }, { provider });
    return {};
  };
}

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

    // plan and drift read past them and write nothing; apply drops them
    const warned = [expect.stringMatching(/^1 pending Pulumi operation\(s\) left by an interrupted run: updating example.com\/dns\/www\/A/)];
    const plan = await engine().plan(desired, runOptions(stack));
    expect(plan.warnings).toEqual(warned);
    expect(plan.changes).toEqual([]);
    expect((await engine().plan(desired, runOptions(stack))).warnings).toEqual(warned);
    expect((await engine().apply(desired, runOptions(stack))).status).toBe("no-changes");
    const again = await engine().plan(desired, runOptions(stack));
    expect(again.warnings ?? []).toEqual([]);
  }, 300_000);

  // Issue 27 item 5: the provider no longer takes the token as an input. A stack whose provider
  // holds one must see that as an update of the provider, not a replacement of every resource.
  it("a stack whose provider held the token as an input plans no change once the input is gone", async () => {
    const { desired, stack } = await load(root);
    const { automation } = await import("@pulumi/pulumi");
    const cloudflare = await import("@pulumi/cloudflare");
    const zoneId = (await sdk(emulator).zones.list({ name: "example.com" })).result[0]!.id;
    const settings = resolvePulumiSettings(join(root, "old-data"), env());
    const old = await automation.LocalWorkspace.createOrSelectStack(
      { stackName: "default", projectName: "cf-gitops", program: tokenInStateProgram(cloudflare, zoneId, emulator.baseUrl) },
      { workDir: settings.workDir, envVars: settings.envVars, secretsProvider: "passphrase", projectSettings: { name: "cf-gitops", runtime: "nodejs", backend: { url: settings.backendUrl } } },
    );
    await old.up({ color: "never" });
    const fresh = createPulumiEngine({ dataDir: join(root, "old-data"), apiToken: token, baseUrl: emulator.baseUrl, log: silentLogger(), env: env() });
    // a replaced record would show as a replace (or delete and create) here
    expect((await fresh.plan(desired, runOptions(stack))).changes).toEqual([]);
    const applied = await fresh.apply(desired, runOptions(stack, { approve: async () => true }));
    expect(applied.outcomes.filter((outcome) => outcome.op !== "update")).toEqual([]);
    expect((await sdk(emulator).dns.records.list({ zone_id: zoneId, name: { exact: "www.example.com" } })).result).toHaveLength(1);
  }, 300_000);
});
