// Builds the engine of a daemon run for its stack (the daemon core takes it through the Engine
// port) and reports every Cloudflare request. Each SDK is loaded on first use only: a native-engine
// run never loads the Pulumi SDK.
import type { DesiredState, StackConfig } from "../desired-state/types.ts";
import type { Engine, RunOptions } from "../engines/engine.ts";
import type { Logger } from "../shared/logger.ts";
import type { CloudflareRequest } from "../daemon/run-job.ts";
import { apiToken } from "./run-context.ts";
import type { CliIo } from "./io.ts";

export interface DaemonEngineOptions {
  io: CliIo;
  log: Logger;
  dataDir: string;
  root: string;
  /** Overrides the stack's engine (the embedded default forces native). */
  engine?: "native" | "pulumi";
  /** Every Cloudflare request the engine makes (for cfgitops_cloudflare_requests_total). */
  onRequest?(request: CloudflareRequest): void;
}

/** An Engine whose adapter module is imported when the first run needs it. */
function lazyEngine(name: "native" | "pulumi", load: () => Promise<Engine>): Engine {
  let loaded: Promise<Engine> | undefined;
  const engine = () => (loaded ??= load());
  return {
    name,
    plan: async (desired: DesiredState, run: RunOptions) => (await engine()).plan(desired, run),
    apply: async (desired: DesiredState, run: RunOptions) => (await engine()).apply(desired, run),
    drift: async (desired: DesiredState, run: RunOptions) => (await engine()).drift(desired, run),
  };
}

export function daemonEngineFactory(options: DaemonEngineOptions): (stack: StackConfig) => Engine {
  const env = options.io.env;
  const token = apiToken(options.io);
  const cache = new Map<string, Engine>();
  const common = {
    apiToken: token,
    log: options.log,
    ...(env.CLOUDFLARE_BASE_URL && { baseUrl: env.CLOUDFLARE_BASE_URL }),
    ...(env.CLOUDFLARE_ACCOUNT_ID && { accountId: env.CLOUDFLARE_ACCOUNT_ID }),
  };
  return (stack) => {
    const name = options.engine ?? stack.engine;
    const cached = cache.get(name);
    if (cached) return cached;
    const engine =
      name === "pulumi"
        ? lazyEngine("pulumi", async () => {
            const specifier = "../engines/pulumi/index.ts";
            const pulumi = (await import(specifier)) as { createPulumiEngine(o: Record<string, unknown>): Engine };
            return pulumi.createPulumiEngine({ ...common, env, root: options.root, dataDir: options.dataDir });
          })
        : lazyEngine("native", async () => {
            const { createNativeEngine } = await import("../engines/native/index.ts");
            return createNativeEngine({
              ...common,
              ...(options.onRequest ? { onRequest: options.onRequest } : {}),
            });
          });
    cache.set(name, engine);
    return engine;
  };
}
