// What plan, apply and drift share: load the stack and the desired state (invalid input prints
// diagnostics and exits 1 before any API call), then build the engine the stack or --engine names.
import { resolve } from "node:path";
import { formatDiagnostics, loadDesiredState, loadStack } from "../desired-state/index.ts";
import type { DesiredState, Diagnostic, EngineName, StackConfig } from "../desired-state/types.ts";
import type { Engine } from "../engines/engine.ts";
import { renderJson } from "../plan/render-json.ts";
import { ConfigError } from "../shared/errors.ts";
import { createLogger, type Logger } from "../shared/logger.ts";
import { oneOf } from "./args.ts";
import type { CliIo } from "./io.ts";

export const engineNames = ["native", "pulumi"] as const;

export interface RunContext {
  root: string;
  stack: StackConfig;
  desired: DesiredState;
  /** Warnings from loading (errors stop before a context exists). */
  diagnostics: Diagnostic[];
  engineName: EngineName;
  engine: Engine;
  log: Logger;
}

export interface RunFlags {
  stack?: string | undefined;
  engine?: string | undefined;
  format?: "text" | "json" | "markdown";
  /** --data-dir: where the pulumi engine keeps its backend (default $CFGITOPS_DATA_DIR, else .cf-gitops). */
  dataDir?: string | undefined;
}

export function cliLogger(io: CliIo): Logger {
  return createLogger({ level: io.env.CFGITOPS_LOG_LEVEL ?? "warn", destination: io.stderr });
}

function printInvalid(io: CliIo, root: string, diagnostics: Diagnostic[], flags: RunFlags, stack?: StackConfig): void {
  if (flags.format === "json") {
    const engine = (stack?.engine ?? "native") as EngineName;
    io.stdout.write(renderJson({ stack: stack?.name ?? flags.stack ?? "", engine, changes: [] }, { diagnostics }));
    return;
  }
  io.stderr.write(formatDiagnostics(diagnostics, "text", { root }));
  io.stderr.write("error: the desired state is invalid; nothing was sent to Cloudflare\n");
}

/** Returns the context, or an exit code when the input was invalid (diagnostics already printed). */
export async function prepareRun(io: CliIo, flags: RunFlags): Promise<RunContext | number> {
  const root = io.cwd;
  const stacked = await loadStack(root, flags.stack);
  if (!stacked.stack || stacked.diagnostics.some((d) => d.severity === "error")) {
    printInvalid(io, root, stacked.diagnostics, flags);
    return 1;
  }
  const stack = stacked.stack;
  const loaded = await loadDesiredState(resolve(root, stack.desired_state.dir), { root, stack });
  if (loaded.diagnostics.some((d) => d.severity === "error")) {
    printInvalid(io, root, loaded.diagnostics, flags, stack);
    return 1;
  }
  const engineName = oneOf(flags.engine, engineNames, "engine", stack.engine);
  const log = cliLogger(io);
  const engine = await createEngine(engineName, { io, log, stack, root, dataDir: flags.dataDir });
  return { root, stack, desired: loaded.state, diagnostics: [...stacked.diagnostics, ...loaded.diagnostics], engineName, engine, log };
}

export function apiToken(io: CliIo): string {
  const token = io.env.CLOUDFLARE_API_TOKEN;
  if (!token) {
    throw new ConfigError("CLOUDFLARE_API_TOKEN is not set", {
      hint: "export CLOUDFLARE_API_TOKEN=... (for the local emulator any value works, with CLOUDFLARE_BASE_URL=http://127.0.0.1:8787/client/v4)",
    });
  }
  return token;
}

export async function createNative(io: CliIo, log: Logger): Promise<Engine> {
  const { createNativeEngine } = await import("../engines/native/index.ts");
  const options: Parameters<typeof createNativeEngine>[0] = { apiToken: apiToken(io), log };
  if (io.env.CLOUDFLARE_BASE_URL) options.baseUrl = io.env.CLOUDFLARE_BASE_URL;
  if (io.env.CLOUDFLARE_ACCOUNT_ID) options.accountId = io.env.CLOUDFLARE_ACCOUNT_ID;
  return createNativeEngine(options);
}

async function createEngine(name: EngineName, context: { io: CliIo; log: Logger; stack: StackConfig; root: string; dataDir?: string | undefined }): Promise<Engine> {
  if (name === "native") return createNative(context.io, context.log);
  // Loaded lazily so native runs never load the Pulumi SDK.
  const { createPulumiEngine } = await import("../engines/pulumi/index.ts");
  const env = context.io.env;
  const dataDir = context.dataDir ?? env.CFGITOPS_DATA_DIR;
  return createPulumiEngine({
    root: context.root,
    log: context.log,
    env,
    apiToken: apiToken(context.io),
    ...(env.CLOUDFLARE_BASE_URL && { baseUrl: env.CLOUDFLARE_BASE_URL }),
    ...(env.CLOUDFLARE_ACCOUNT_ID && { accountId: env.CLOUDFLARE_ACCOUNT_ID }),
    ...(dataDir && { dataDir: resolve(context.root, dataDir) }),
  });
}
