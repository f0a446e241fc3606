// Test support: the Pulumi engine through the real Automation API with the fake `pulumi` on PATH
// (fake-pulumi-cli.ts), the emulator for the Cloudflare reads, a temporary repository, and a
// logger whose lines the test can read. One harness per test file.
import { join } from "node:path";
import { Writable } from "node:stream";
import type { DesiredState, StackConfig } from "../../src/desired-state/types.ts";
import type { RunningEmulator } from "../../src/emulator/index.ts";
import type { Engine, RunOptions } from "../../src/engines/engine.ts";
import { createPulumiEngine, type PulumiEngineOptions } from "../../src/engines/pulumi/index.ts";
import type { Plan } from "../../src/plan/types.ts";
import { createLogger, type Logger } from "../../src/shared/logger.ts";
import { emulatorWith, load, removeRepo, runOptions, sdk, tempRepo, token } from "../native-support.ts";
import { installFakeCli, type FakeCli } from "./fake-pulumi-cli.ts";

export const pulumiTypes = {
  dns: "cloudflare:index/dnsRecord:DnsRecord",
  setting: "cloudflare:index/zoneSetting:ZoneSetting",
  ruleset: "cloudflare:index/ruleset:Ruleset",
  list: "cloudflare:index/list:List",
  tunnel: "cloudflare:index/zeroTrustTunnelCloudflaredConfig:ZeroTrustTunnelCloudflaredConfig",
};

export interface Harness {
  fake: FakeCli;
  emulator: RunningEmulator;
  root: string;
  desired: DesiredState;
  stack: StackConfig;
  /** Every log line since the last reset(). */
  logLines: Record<string, unknown>[];
  engine(extra?: Partial<PulumiEngineOptions>, env?: NodeJS.ProcessEnv): Engine;
  run(extra?: Partial<RunOptions>): RunOptions;
  reset(): void;
  close(): Promise<void>;
}

export const planSignature = (plan: Plan) => plan.changes.map((c) => `${c.op} ${c.kind} ${c.id} [${[...c.fields].sort().join(",")}]`);

/** Starts the fake CLI (first on PATH), an emulator with example.com, and a repository with `files`. */
export async function startHarness(files: Record<string, string>): Promise<Harness> {
  const savedPath = process.env.PATH;
  const fake = await installFakeCli();
  process.env.PATH = `${fake.bin}:${savedPath ?? ""}`;
  process.env.FAKE_PULUMI_DIR = fake.dir;
  const emulator = await emulatorWith(["example.com"]);
  await sdk(emulator).zeroTrust.tunnels.cloudflared.create({ account_id: emulator.accountId, name: "home-pi", config_src: "cloudflare" });
  const root = await tempRepo({ "stacks/default.yaml": "engine: pulumi\ntunnels:\n  home-pi: {}\n", ...files });
  const { desired, stack } = await load(root);
  const logLines: Record<string, unknown>[] = [];
  function logger(): Logger {
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split("\n")) if (line.trim() !== "") logLines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    return createLogger({ level: "debug", destination });
  }
  return {
    fake,
    emulator,
    root,
    desired,
    stack,
    logLines,
    engine: (extra = {}, env = {}) =>
      createPulumiEngine({
        dataDir: join(root, "data"),
        apiToken: token,
        baseUrl: emulator.baseUrl,
        log: logger(),
        cancelGraceMs: 400,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, PULUMI_CONFIG_PASSPHRASE: "engine-test", ...env },
        ...extra,
      }),
    run: (extra = {}) => runOptions(stack, { log: logger(), ...extra }),
    reset: () => void logLines.splice(0),
    async close() {
      process.env.PATH = savedPath;
      delete process.env.FAKE_PULUMI_DIR;
      await emulator.close();
      await removeRepo(root);
      await fake.remove();
    },
  };
}

/** A state export holding these resources (and the stack and provider). */
export function stateWith(resources: { type: string; urn: string; outputs: Record<string, unknown>; retainOnDelete?: boolean }[], pending: unknown[] = []): unknown {
  const stackUrn = "urn:pulumi:default::cf-gitops::pulumi:pulumi:Stack::cf-gitops-default";
  return {
    version: 3,
    deployment: {
      manifest: {},
      resources: [{ urn: stackUrn, type: "pulumi:pulumi:Stack" }, ...resources.map((resource) => ({ custom: true, id: "cloud-id", parent: stackUrn, inputs: resource.outputs, ...resource }))],
      ...(pending.length > 0 && { pending_operations: pending }),
    },
  };
}
