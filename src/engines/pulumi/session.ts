// One Pulumi run for one stack: resolve ids through the Cloudflare API, open the LocalWorkspace
// stack with the inline program, repair an interrupted run's state, work out adoption, and
// build the translation context. The Automation API is loaded here, lazily, never at import.
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { automation } from "@pulumi/pulumi";
import type { DesiredState } from "../../desired-state/types.ts";
import type { RunOptions } from "../engine.ts";
import { expandDesired } from "../../plan/expand.ts";
import type { Logger } from "../../shared/logger.ts";
import { planAdoption } from "./adoption.ts";
import { liveClient, resolveAccountId, resolveTunnelIds, resolveZoneIds } from "./live.ts";
import type { ProgramInput } from "./program-input.ts";
import { projectName, resolvePulumiSettings } from "./settings.ts";
import { clearPendingOperations, namesInState } from "./stack-state.ts";
import type { TranslateContext } from "./translate.ts";
import { ingressKey } from "../../kinds/tunnel-service/pulumi.ts";

export interface PulumiEngineOptions {
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
  auto: typeof automation;
  stack: automation.Stack;
  program: automation.PulumiFn;
  context: TranslateContext;
  warnings: string[];
}

function serviceNames(desired: DesiredState): TranslateContext["serviceNames"] {
  const names: TranslateContext["serviceNames"] = {};
  for (const service of desired.services) (names[service.tunnel] ??= {})[ingressKey(service)] = service.service;
  return names;
}

function sources(desired: DesiredState, input: Pick<ProgramInput, "zoneIds" | "tunnelIds">): TranslateContext["sources"] {
  const expanded = expandDesired(desired, { tunnelIds: new Map(Object.entries(input.tunnelIds)), zoneNames: Object.keys(input.zoneIds) });
  return new Map(expanded.resources.flatMap((resource) => (resource.source ? [[resource.id, resource.source] as const] : [])));
}

/** The cloudflare resource plugin matching the installed @pulumi/cloudflare, installed on first use. */
async function ensureCloudflarePlugin(stack: automation.Stack, log: Logger): Promise<void> {
  const manifest = createRequire(import.meta.url)("@pulumi/cloudflare/package.json") as { version: string };
  const plugins = await stack.workspace.listPlugins();
  if (plugins.some((plugin) => plugin.kind === "resource" && plugin.name === "cloudflare" && plugin.version === manifest.version)) return;
  log.info({ version: manifest.version }, "installing the pulumi cloudflare plugin");
  await stack.workspace.installPlugin("cloudflare", `v${manifest.version}`);
}

export async function openSession(options: PulumiEngineOptions, desired: DesiredState, run: RunOptions): Promise<Session> {
  const dataDir = options.dataDir ?? join(options.root ?? process.cwd(), ".cf-gitops");
  const settings = resolvePulumiSettings(dataDir, options.env ?? process.env);
  const client = liveClient({ apiToken: options.apiToken, log: run.log, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) });
  const accountId = await resolveAccountId(client, options.accountId, run.stack);
  const zoneIds = await resolveZoneIds(client, accountId, desired);
  const tunnelIds = await resolveTunnelIds(client, accountId, desired, run.stack);

  const { automation: auto } = await import("@pulumi/pulumi");
  const { createProgram } = await import("./program.ts");
  await mkdir(settings.workDir, { recursive: true });
  const placeholder: automation.PulumiFn = async () => ({});
  const workspaceOptions: automation.LocalWorkspaceOptions = {
    workDir: settings.workDir,
    projectSettings: { name: projectName, runtime: "nodejs", backend: { url: settings.backendUrl } },
    envVars: settings.envVars,
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
  const adoption = await planAdoption(client, { desired, accountId, zoneIds, tunnelIds, inState: namesInState(repaired.deployment) });
  warnings.push(...adoption.warnings);

  const input: ProgramInput = { desired, accountId, zoneIds, tunnelIds, imports: adoption.imports };
  if (options.baseUrl) input.baseUrl = options.baseUrl;
  const context: TranslateContext = { sources: sources(desired, input), serviceNames: serviceNames(desired) };
  return { auto, stack, program: createProgram(input), context, warnings };
}
