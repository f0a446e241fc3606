// What plan, apply and drift share: load the stack and the desired state (invalid input prints
// diagnostics and exits 1 before any API call), then build the engine the stack or --engine names.
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { formatDiagnostics, loadDesiredState, loadStack } from "../desired-state/index.ts";
import type { DesiredState, Diagnostic, EngineName, StackConfig } from "../desired-state/types.ts";
import type { Engine } from "../engines/engine.ts";
import { renderJson } from "../plan/render-json.ts";
import { createLogger, type Logger } from "../shared/logger.ts";
import { oneOf } from "./args.ts";
import { apiTokenFrom, createEngine } from "./engine-factory.ts";
import type { CliIo } from "./io.ts";
import { repositoryRoot } from "./repo-root.ts";

export const engineNames = ["native", "pulumi"] as const;

export interface RunContext {
  root: string;
  /** The repository's HEAD, when the root is a git checkout (plans record it). */
  commit?: string;
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
  const root = repositoryRoot(io);
  const commit = headCommit(root); // git runs while the YAML loads
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
  const engine = createEngine(engineName, { env: io.env, log, root, dataDir: flags.dataDir, stack });
  const sha = await commit;
  return { root, stack, desired: loaded.state, diagnostics: [...stacked.diagnostics, ...loaded.diagnostics], engineName, engine, log, ...(sha && { commit: sha }) };
}

/** HEAD of the git checkout at `root`, or undefined (not a checkout, no git). */
export async function headCommit(root: string): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)("git", ["rev-parse", "--verify", "HEAD"], { cwd: root, timeout: 5_000 });
    return /^[0-9a-f]{40}$/.test(stdout.trim()) ? stdout.trim() : undefined;
  } catch {
    return undefined;
  }
}

export function apiToken(io: CliIo): string {
  return apiTokenFrom(io.env);
}
