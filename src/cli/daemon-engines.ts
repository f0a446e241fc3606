// Builds the daemon's engine for a stack (the daemon core takes it through the Engine port) and
// counts every Cloudflare request on the daemon's metrics.
import type { StackConfig } from "../desired-state/types.ts";
import type { Engine } from "../engines/engine.ts";
import type { Logger } from "../shared/logger.ts";
import type { Metrics } from "../status/metrics.ts";
import { apiToken } from "./run-context.ts";
import type { CliIo } from "./io.ts";

export interface DaemonEngineOptions {
  io: CliIo;
  log: Logger;
  dataDir: string;
  root: string;
  /** Overrides the stack's engine (the embedded default forces native). */
  engine?: "native" | "pulumi";
}

export async function daemonEngineFactory(options: DaemonEngineOptions): Promise<(stack: StackConfig, metrics: Metrics) => Engine> {
  const { createNativeEngine } = await import("../engines/native/index.ts");
  const env = options.io.env;
  const token = apiToken(options.io);
  const cache = new Map<string, Engine>();
  let pulumi: { createPulumiEngine(o: Record<string, unknown>): Engine } | undefined;
  const wantsPulumi = options.engine === "pulumi";
  if (wantsPulumi || options.engine === undefined) {
    const specifier = "../engines/pulumi/index.ts";
    pulumi = await import(specifier).catch(() => undefined);
  }
  return (stack, metrics) => {
    const name = options.engine ?? stack.engine;
    const cached = cache.get(name);
    if (cached) return cached;
    const common = {
      apiToken: token,
      log: options.log,
      ...(env.CLOUDFLARE_BASE_URL && { baseUrl: env.CLOUDFLARE_BASE_URL }),
      ...(env.CLOUDFLARE_ACCOUNT_ID && { accountId: env.CLOUDFLARE_ACCOUNT_ID }),
    };
    const engine =
      name === "pulumi" && pulumi
        ? pulumi.createPulumiEngine({ ...common, root: options.root, dataDir: options.dataDir })
        : createNativeEngine({
            ...common,
            onRequest: (event) => metrics.cloudflareRequests.inc({ method: event.method, route: event.route, status: String(event.status) }),
          });
    cache.set(name, engine);
    return engine;
  };
}
