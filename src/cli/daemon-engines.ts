// The engine of a daemon run for its stack (the daemon core takes it through the Engine port),
// built by the one engine factory, one per engine name.
import type { StackConfig } from "../desired-state/types.ts";
import type { Engine } from "../engines/engine.ts";
import type { Logger } from "../shared/logger.ts";
import type { CloudflareRequest } from "../daemon/run-job.ts";
import { createEngine } from "./engine-factory.ts";
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

export function daemonEngineFactory(options: DaemonEngineOptions): (stack: StackConfig) => Engine {
  const cache = new Map<string, Engine>();
  const settings = { env: options.io.env, log: options.log, root: options.root, dataDir: options.dataDir, ...(options.onRequest && { onRequest: options.onRequest }) };
  return (stack) => {
    const name = options.engine ?? stack.engine;
    const engine = cache.get(name) ?? createEngine(name, { ...settings, stack });
    cache.set(name, engine);
    return engine;
  };
}
