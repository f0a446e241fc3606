// The one engine factory, for the CLI and the daemon's runs: the engine a stack (or --engine)
// names, with credentials and target from the environment. Each adapter module is imported when
// the engine is first used, so a native run never loads the Pulumi SDK.
import { resolve } from "node:path";
import type { EngineName, StackConfig } from "../desired-state/types.ts";
import type { Engine } from "../engines/engine.ts";
import { ConfigError } from "../shared/errors.ts";
import type { Logger } from "../shared/logger.ts";

export interface EngineSettings {
  /** CLOUDFLARE_API_TOKEN, CLOUDFLARE_BASE_URL, CLOUDFLARE_ACCOUNT_ID, CFGITOPS_DATA_DIR, PULUMI_*. */
  env: NodeJS.ProcessEnv;
  log: Logger;
  /** The repository root (the pulumi engine's default data directory is under it). */
  root: string;
  /** Where the pulumi engine keeps its backend (default $CFGITOPS_DATA_DIR, else <root>/.cf-gitops). */
  dataDir?: string | undefined;
  /** Every Cloudflare request the native engine makes (for cfgitops_cloudflare_requests_total). */
  onRequest?(request: { method: string; route: string; status: number }): void;
  /** The stack: one that names `api_token_env` takes its token from that variable. */
  stack?: Pick<StackConfig, "name" | "api_token_env"> | undefined;
}

/** The API token: from the variable the stack names in `api_token_env`, else CLOUDFLARE_API_TOKEN. */
export function apiTokenFrom(env: NodeJS.ProcessEnv, stack?: Pick<StackConfig, "name" | "api_token_env">): string {
  const own = stack?.api_token_env;
  const token = env[own ?? "CLOUDFLARE_API_TOKEN"];
  if (token) return token;
  if (own) {
    throw new ConfigError(`${own} is not set: stack ${stack.name} takes its API token from it (api_token_env)`, {
      hint: `set ${own} in the environment (for the daemon: its EnvironmentFile, see docs/deploy), or remove api_token_env to use CLOUDFLARE_API_TOKEN`,
    });
  }
  throw new ConfigError("CLOUDFLARE_API_TOKEN is not set", {
    hint: "export CLOUDFLARE_API_TOKEN=... (for the local emulator any value works, with CLOUDFLARE_BASE_URL=http://127.0.0.1:8787/client/v4)",
  });
}

async function load(name: EngineName, settings: EngineSettings): Promise<Engine> {
  const { env, log } = settings;
  const common = {
    apiToken: apiTokenFrom(env, settings.stack),
    log,
    ...(env.CLOUDFLARE_BASE_URL && { baseUrl: env.CLOUDFLARE_BASE_URL }),
    ...(env.CLOUDFLARE_ACCOUNT_ID && { accountId: env.CLOUDFLARE_ACCOUNT_ID }),
  };
  if (name === "native") {
    const { createNativeEngine } = await import("../engines/native/index.ts");
    return createNativeEngine({ ...common, ...(settings.onRequest && { onRequest: settings.onRequest }) });
  }
  const { createPulumiEngine } = await import("../engines/pulumi/index.ts");
  const dataDir = settings.dataDir ?? env.CFGITOPS_DATA_DIR;
  return createPulumiEngine({ ...common, env, root: settings.root, ...(dataDir && { dataDir: resolve(settings.root, dataDir) }) });
}

/** The engine; its module is loaded (and the token checked) on first use. */
export function createEngine(name: EngineName, settings: EngineSettings): Engine {
  apiTokenFrom(settings.env, settings.stack);
  let loaded: Promise<Engine> | undefined;
  const engine = () => (loaded ??= load(name, settings));
  return {
    name,
    plan: async (desired, run) => (await engine()).plan(desired, run),
    apply: async (desired, run) => (await engine()).apply(desired, run),
    applySaved: async (saved, desired, run) => (await engine()).applySaved(saved, desired, run),
    drift: async (desired, run) => (await engine()).drift(desired, run),
  };
}
