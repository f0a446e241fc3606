// One Pulumi run for one stack: resolve ids through the Cloudflare API (the kinds' native
// adapters), open the LocalWorkspace stack with the inline program, repair an interrupted run's
// state, work out adoption, and build the translation context. The Automation API is loaded here,
// lazily, never at import.
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
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
import { projectName, type PulumiSettings } from "./settings.ts";
import { clearPendingOperations, namesInState, stateResources } from "./stack-state.ts";
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
}

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

export async function openSession(options: PulumiEngineOptions, settings: PulumiSettings, desired: DesiredState, run: RunOptions, signal: AbortSignal): Promise<Session> {
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
  const placeholder: automation.PulumiFn = async () => ({});
  const tracked = await trackedPulumiCommand(auto, { signal, graceMs: options.cancelGraceMs ?? 25_000, log: run.log });
  const workspaceOptions: automation.LocalWorkspaceOptions = {
    workDir: settings.workDir,
    projectSettings: { name: projectName, runtime: "nodejs", backend: { url: settings.backendUrl } },
    envVars: settings.envVars,
    pulumiCommand: tracked.command,
  };
  if (settings.secretsProvider) workspaceOptions.secretsProvider = settings.secretsProvider;
  run.log.debug({ stack: run.stack.name, backend: settings.backendUrl }, "opening pulumi stack");
  const stack = await auto.LocalWorkspace.createOrSelectStack({ stackName: run.stack.name, projectName, program: placeholder }, workspaceOptions);
  await ensureCloudflarePlugin(stack, run.log);
  await stack.setConfig("apiToken", { value: options.apiToken, secret: true });

  const warnings: string[] = [];
  const repaired = await clearPendingOperations(stack, await stack.exportStack());
  if (repaired.warning) {
    warnings.push(repaired.warning);
    run.log.warn({ stack: run.stack.name }, "cleared pending pulumi operations");
  }
  const adapters = await pulumiAdapters();
  const adoption = await planAdoption({ expanded, accountId, zones, resolved, inState: namesInState(repaired.deployment), native, nativeAdapters: nativeByKind, pulumiAdapters: adapters });
  warnings.push(...adoption.warnings);

  const input: ProgramInput = {
    desired,
    accountId,
    zoneIds: Object.fromEntries([...zones].map(([name, zone]) => [name, zone.id])),
    resolved: Object.fromEntries([...resolved].map(([kind, names]) => [kind, Object.fromEntries(names)])),
    imports: adoption.imports,
    adopting: adoption.adopting,
    state: stateResources(repaired.deployment),
  };
  if (options.baseUrl) input.baseUrl = options.baseUrl;
  const context = translateContext(expanded.resources, adapters);
  adoption.changes = adoption.changes.map((change) => (context.sources.has(change.id) ? { ...change, source: context.sources.get(change.id)! } : change));
  const followUp = async () => createProgram({ ...input, imports: {}, adopting: {}, state: stateResources(await stack.exportStack()) });
  return { accountId, auto, stack, program: createProgram(input), context, warnings, adoption, followUp, cli: tracked.control };
}
