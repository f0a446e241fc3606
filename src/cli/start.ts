import { resolve } from "node:path";
import { simpleGit } from "simple-git";
import { claimDataDir } from "../backup/data-dir-lock.ts";
import { ensureDataDir } from "../daemon/data-dir.ts";
import { startDaemon } from "../daemon/daemon.ts";
import { redactorFromEnv } from "../shared/redact.ts";
import { loadDesiredState, loadStack } from "../desired-state/index.ts";
import { stackNames } from "../desired-state/stack-files.ts";
import type { StackConfig } from "../desired-state/types.ts";
import { startEmulator, type RunningEmulator } from "../emulator/index.ts";
import { createLogger, type Logger } from "../shared/logger.ts";
import { parseFlags } from "./args.ts";
import { logFileFlags, logFileHelp, openLogFile } from "./log-file.ts";
import { childProcessRuns, concurrencyFrom, concurrencyHelp, defaultDataDir, waitForShutdown } from "./daemon-support.ts";
import { checkedPolicyFloor, policyFloorFlag, policyFloorHelp } from "./policy-floor.ts";
import type { CliIo } from "./io.ts";

export const help = `cf-gitops start: the embedded default (what \`npm start\` runs).

Usage: cf-gitops start [--stack NAME]... [--port 8080] [--emulator-port 8787] [--data-dir DIR] [--concurrency 1] [--log-file FILE] [--policy-floor FILE]

Without CLOUDFLARE_API_TOKEN: starts the local Cloudflare API emulator (state kept in
<data dir>/emulator-state.json; one account for every stack), creates the zones and tunnels that
this repository's stacks name, and runs the daemon with the native engine on this repository's
current branch. With CLOUDFLARE_API_TOKEN: no emulator; the daemon targets the real accounts with
each stack's engine and token.

The daemon reconciles every stack in stacks/ and reads commits, not the work tree: commit a change
under desired-state/ and it is applied within seconds. Stop with Ctrl-C.

Flags:
  --stack NAME       only this stack (repeat for several; default: every stack in stacks/)
${concurrencyHelp}
${logFileHelp}
${policyFloorHelp}
`;

async function currentBranch(root: string): Promise<string> {
  const branch = (await simpleGit(root).revparse(["--abbrev-ref", "HEAD"]).catch(() => "main")).trim();
  return branch === "HEAD" ? "main" : branch;
}

/** The stacks the embedded default runs, as the work tree has them (the ones that load). */
async function workTreeStacks(root: string, requested: string[] | undefined): Promise<StackConfig[]> {
  const names = requested ?? (await stackNames(root)) ?? [];
  const loaded = await Promise.all(names.map(async (name) => (await loadStack(root, name)).stack));
  return loaded.filter((stack): stack is StackConfig => stack !== undefined);
}

async function startEmbeddedEmulator(root: string, dataDir: string, port: number, stacks: StackConfig[], log: Logger): Promise<RunningEmulator> {
  const zones = new Set<string>();
  for (const stack of stacks) for (const zone of (await loadDesiredState(resolve(root, stack.desired_state.dir), { root, stack })).state.zones) zones.add(zone.zone);
  const options = { statePath: resolve(dataDir, "emulator-state.json"), zones: [...zones] };
  const emulator = await startEmulator({ ...options, port }).catch(() => startEmulator({ ...options, port: 0 }));
  for (const tunnel of new Set(stacks.flatMap((stack) => Object.keys(stack.tunnels)))) {
    const url = `${emulator.baseUrl}/accounts/${emulator.accountId}/cfd_tunnel`;
    const headers = { authorization: "Bearer emulator", "content-type": "application/json" };
    const existing = (await (await fetch(`${url}?name=${encodeURIComponent(tunnel)}&is_deleted=false`, { headers })).json()) as { result: unknown[] };
    if (existing.result.length === 0) await fetch(url, { method: "POST", headers, body: JSON.stringify({ name: tunnel, config_src: "cloudflare" }) });
  }
  log.info({ url: emulator.baseUrl, zones: [...zones] }, "emulator started");
  return emulator;
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(
    argv,
    {
      stack: { type: "string", multiple: true }, port: { type: "string", default: "8080" }, "emulator-port": { type: "string", default: "8787" },
      "data-dir": { type: "string" }, concurrency: { type: "string" }, ...logFileFlags, ...policyFloorFlag,
    },
    "start",
  );
  const policyFloor = await checkedPolicyFloor(values, io);
  const root = io.cwd;
  const concurrency = concurrencyFrom(values.concurrency, io.env);
  const dataDir = resolve(root, values["data-dir"] ?? defaultDataDir(io));
  await ensureDataDir(dataDir); // a clear error naming the directory, before anything writes there
  const releaseDataDir = claimDataDir(dataDir); // restore refuses a data directory in use
  const logFile = await openLogFile(values, root);
  const redact = redactorFromEnv(io.env);
  const log = createLogger({ destination: io.stderr, ...(logFile ? { also: logFile.stream } : {}), redact });
  const embedded = !io.env.CLOUDFLARE_API_TOKEN;
  let emulator: RunningEmulator | undefined;
  let env = io.env;
  if (embedded) {
    const stacks = await workTreeStacks(root, values.stack);
    emulator = await startEmbeddedEmulator(root, dataDir, Number(values["emulator-port"]), stacks, log);
    // One emulator account for every stack: a stack's own token variable gets the emulator's token too.
    const tokens = Object.fromEntries(stacks.flatMap((stack) => (stack.api_token_env ? [[stack.api_token_env, "emulator"]] : [])));
    env = { ...io.env, ...tokens, CLOUDFLARE_API_TOKEN: "emulator", CLOUDFLARE_BASE_URL: emulator.baseUrl, CLOUDFLARE_ACCOUNT_ID: emulator.accountId };
  }
  const branch = await currentBranch(root);
  const daemonOptions = {
    repo: root, branch, dataDir, env, log, concurrency,
    ...(values.stack ? { stacks: values.stack } : {}),
    runJob: childProcessRuns({ ...env, ...logFile?.runEnv }),
    ...(embedded ? { engine: "native" as const } : {}),
    ...(embedded ? { pollSeconds: 3 } : {}),
    ...(policyFloor ? { policyFloor } : {}),
    redact,
  };
  const daemon = await startDaemon({ ...daemonOptions, port: Number(values.port) }).catch(() => startDaemon({ ...daemonOptions, port: 0 }));
  io.stdout.write(
    [
      `cf-gitops is reconciling branch ${branch} of ${root} (${daemon.stacks().length === 1 ? "stack" : "stacks"} ${daemon.stacks().join(", ") || "none yet"}${embedded ? ", native engine, local emulator" : ""})`,
      `  status page: ${daemon.url}/`,
      `  metrics:     ${daemon.url}/metrics`,
      `  API:         ${daemon.url}/api/status`,
      ...(emulator ? [`  emulator:    ${emulator.baseUrl}  (CLOUDFLARE_BASE_URL for the CLI; any token works)`] : []),
      "Commit a change under desired-state/ and watch it apply. Ctrl-C stops.",
      "",
    ].join("\n"),
  );
  await waitForShutdown(log);
  await daemon.stop();
  releaseDataDir();
  await emulator?.close();
  await logFile?.close();
  return 0;
}
