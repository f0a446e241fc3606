// One Pulumi run for one stack: resolve ids through the Cloudflare API (the kinds' native
// adapters), open the LocalWorkspace stack with the inline program, repair an interrupted run's
// state, work out adoption, and build the translation context. The Automation API is loaded here,
// lazily, never at import.
import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { automation } from "@pulumi/pulumi";
import type { DesiredState } from "../../desired-state/types.ts";
import type { RunOptions } from "../engine.ts";
import { expandDesired } from "../../plan/expand.ts";
import type { Logger } from "../../shared/logger.ts";
import { nativeAdapters } from "../native/adapters.ts";
import { nativeContext, resolveNames } from "../native/planner.ts";
import { planAdoption, type Adoption } from "./adoption.ts";
import { trackedPulumiCommand, type CliControl } from "./command.ts";
import { pulumiAdapters } from "./adapters.ts";
import { liveClient, resolveZones } from "./live.ts";
import type { ProgramInput } from "./program-input.ts";
import { releasedResources } from "./release.ts";
import { projectName, type PulumiSettings } from "./settings.ts";
import { namesInState, stateResources, withoutPendingOperations } from "./stack-state.ts";
import { translateContext, type TranslateContext } from "./translate.ts";

export interface PulumiEngineOptions {
  /** How long the pulumi CLI gets to stop after SIGINT before it is killed (default 25 s). */
  cancelGraceMs?: number;
  /** Where the file backend and the workspace live; default `<root>/.cf-gitops`. */
  dataDir?: string;
  /** The repository root (default: the working directory); only used for the default data dir. */
  root?: string;
  apiToken: string;
  baseUrl?: string;
  accountId?: string;
  log: Logger;
  /** Defaults to process.env (PULUMI_BACKEND_URL, PULUMI_CONFIG_PASSPHRASE[_FILE]). */
  env?: NodeJS.ProcessEnv;
}

export interface Session {
  accountId: string;
  auto: typeof automation;
  stack: automation.Stack;
  /** The program of the (first) update: imports as adoption planned them. */
  program: automation.PulumiFn;
  context: TranslateContext;
  warnings: string[];
  /** What adoption imports, and what a second update then changes in the imported objects. */
  adoption: Adoption;
  /** The program of that second update: the state after the first, which now holds the imports. */
  followUp(): Promise<automation.PulumiFn>;
  /** The CLI processes of this run. */
  cli: CliControl;
  /** State resources that stop being managed (logical name -> the plan's note); apply retains them. */
  released: ReadonlyMap<string, string>;
  /** URNs apply deletes in a targeted update before the main one (PulumiAdapter.clearFirst). */
  clearFirst: string[];
  /** The stack does not exist in the backend yet, so this preview runs against an empty throwaway one. */
  ephemeral: boolean;
  /** Removes what the session made for itself (the throwaway backend of a preview). */
  close(): Promise<void>;
}

/** plan and drift never create a stack in the backend; apply does. */
export type SessionPurpose = "preview" | "apply";

/** The cloudflare resource plugin matching the installed @pulumi/cloudflare, installed on first use. */
async function ensureCloudflarePlugin(stack: automation.Stack, log: Logger): Promise<void> {
  const manifest = createRequire(import.meta.url)("@pulumi/cloudflare/package.json") as { version: string };
  const plugins = await stack.workspace.listPlugins();
  if (plugins.some((plugin) => plugin.kind === "resource" && plugin.name === "cloudflare" && plugin.version === manifest.version)) return;
  log.info({ version: manifest.version }, "installing the pulumi cloudflare plugin");
  await stack.workspace.installPlugin("cloudflare", `v${manifest.version}`);
}

export function dataDirOf(options: PulumiEngineOptions): string {
  return options.dataDir ?? join(options.root ?? process.cwd(), ".cf-gitops");
}

interface OpenedStack {
  stack: automation.Stack;
  ephemeral: boolean;
  close(): Promise<void>;
}

/**
 * A stack that does not exist in the backend yet is created by apply only. A preview (plan, drift,
 * a pull request's) of such a stack runs against a throwaway local backend with an empty state,
 * so it writes nothing to the shared one, and says so.
 */
async function openStack(auto: typeof automation, purpose: SessionPurpose, name: string, workspace: automation.LocalWorkspaceOptions): Promise<OpenedStack> {
  const args = { stackName: name, projectName, program: (async () => ({})) as automation.PulumiFn };
  const none = { ephemeral: false, close: async () => undefined };
  if (purpose === "apply") return { stack: await auto.LocalWorkspace.createOrSelectStack(args, workspace), ...none };
  try {
    return { stack: await auto.LocalWorkspace.selectStack(args, workspace), ...none };
  } catch (error) {
    if (!(error instanceof auto.StackNotFoundError)) throw error;
  }
  const dir = await mkdtemp(join(tmpdir(), "cf-gitops-preview-"));
  const { PULUMI_CONFIG_PASSPHRASE_FILE: _file, ...envVars } = workspace.envVars ?? {};
  const backend = pathToFileURL(join(dir, "state")).href;
  await mkdir(join(dir, "state"), { recursive: true });
  const throwaway: automation.LocalWorkspaceOptions = {
    ...workspace,
    workDir: join(dir, "workspace"),
    projectSettings: { name: projectName, runtime: "nodejs", backend: { url: backend } },
    envVars: { ...envVars, PULUMI_BACKEND_URL: backend, PULUMI_CONFIG_PASSPHRASE: randomUUID() },
    secretsProvider: "passphrase",
  };
  await mkdir(join(dir, "workspace"), { recursive: true });
  const close = () => rm(dir, { recursive: true, force: true });
  try {
    return { stack: await auto.LocalWorkspace.createOrSelectStack(args, throwaway), ephemeral: true, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export async function openSession(options: PulumiEngineOptions, settings: PulumiSettings, desired: DesiredState, run: RunOptions, signal: AbortSignal, purpose: SessionPurpose = "apply"): Promise<Session> {
  const client = liveClient({ apiToken: options.apiToken, log: run.log, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) });
  const native = nativeContext(client, run, options.accountId ?? run.stack.account_id);
  const accountId = await native.accountId();
  const zones = await resolveZones(client, accountId, desired);
  const nativeByKind = await nativeAdapters();
  const resolved = await resolveNames(nativeByKind, desired, native);
  const expanded = expandDesired(desired, { resolved, zoneNames: [...zones.keys()] });

  const { automation: auto } = await import("@pulumi/pulumi");
  const { createProgram } = await import("./program.ts");
  await mkdir(settings.workDir, { recursive: true });
  const tracked = await trackedPulumiCommand(auto, { signal, graceMs: options.cancelGraceMs ?? 25_000, log: run.log });
  const workspaceOptions: automation.LocalWorkspaceOptions = {
    workDir: settings.workDir,
    projectSettings: { name: projectName, runtime: "nodejs", backend: { url: settings.backendUrl } },
    // the provider reads the token from its environment (the CLI's, which starts it): never a
    // command-line argument, never stack config (`pulumi config set` would put it on a command line)
    envVars: { ...settings.envVars, CLOUDFLARE_API_TOKEN: options.apiToken },
    pulumiCommand: tracked.command,
  };
  if (settings.secretsProvider) workspaceOptions.secretsProvider = settings.secretsProvider;
  run.log.debug({ stack: run.stack.name, backend: settings.backendUrl }, "opening pulumi stack");
  const opened = await openStack(auto, purpose, run.stack.name, workspaceOptions);
  try {
    return await prepareSession(opened);
  } catch (error) {
    await opened.close();
    throw error;
  }

  async function prepareSession({ stack, ephemeral, close }: OpenedStack): Promise<Session> {
    await ensureCloudflarePlugin(stack, run.log);
    const warnings: string[] = [];
    if (ephemeral) {
      warnings.push(`stack ${run.stack.name} does not exist yet in ${settings.backendUrl}: this preview starts from an empty state (objects that already exist show as imports) and creates nothing in the backend; the first apply creates the stack`);
    }
    const read = withoutPendingOperations(await stack.exportStack());
    if (read.warning) {
      warnings.push(read.warning);
      run.log.warn({ stack: run.stack.name }, "the pulumi state has pending operations");
    }
    const adapters = await pulumiAdapters();
    const state = stateResources(read.deployment);
    const adoption = await planAdoption({ expanded, accountId, zones, resolved, inState: namesInState(read.deployment), native, nativeAdapters: nativeByKind, pulumiAdapters: adapters });
    warnings.push(...adoption.warnings);
    const released = releasedResources({ state, expanded, resolved, adapters, context: translateContext(expanded.resources, adapters) });

    const input: ProgramInput = {
      desired,
      accountId,
      zoneIds: Object.fromEntries([...zones].map(([name, zone]) => [name, zone.id])),
      resolved: Object.fromEntries([...resolved].map(([kind, names]) => [kind, Object.fromEntries(names)])),
      imports: adoption.imports,
      adopting: adoption.adopting,
      state,
    };
    if (options.baseUrl) input.baseUrl = options.baseUrl;
    const context = translateContext(expanded.resources, adapters, released);
    adoption.changes = adoption.changes.map((change) => (context.sources.has(change.id) ? { ...change, source: context.sources.get(change.id)! } : change));
    const followUp = async () => createProgram({ ...input, imports: {}, adopting: {}, state: stateResources(await stack.exportStack()) });
    const urns = new Map(state.map((entry) => [entry.name, entry.urn]));
    const clearFirst = adapters.flatMap((adapter) => {
      const claimed = new Set(expanded.ownership.get(adapter.kind)?.keys() ?? []);
      const held = state.filter((entry) => entry.type === adapter.type);
      return adapter.clearFirst?.(expanded.resources.filter((resource) => resource.kind === adapter.kind), held, claimed) ?? [];
    });
    const targets = clearFirst.filter((name) => !released.has(name)).flatMap((name) => urns.get(name) ?? []);
    return { accountId, auto, stack, program: createProgram(input), context, warnings, adoption, followUp, cli: tracked.control, released, clearFirst: targets, ephemeral, close };
  }
}
