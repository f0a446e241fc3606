import { resolve } from "node:path";
import { simpleGit } from "simple-git";
import { claimDataDir } from "../backup/data-dir-lock.ts";
import { ensureDataDir } from "../daemon/data-dir.ts";
import { startDaemon } from "../daemon/daemon.ts";
import { loadDesiredState, loadStack } from "../desired-state/index.ts";
import { startEmulator, type RunningEmulator } from "../emulator/index.ts";
import { createLogger, type Logger } from "../shared/logger.ts";
import { parseFlags } from "./args.ts";
import { logFileFlags, logFileHelp, openLogFile } from "./log-file.ts";
import { childProcessRuns, defaultDataDir, waitForShutdown } from "./daemon-support.ts";
import { checkedPolicyFloor, policyFloorFlag, policyFloorHelp } from "./policy-floor.ts";
import type { CliIo } from "./io.ts";

export const help = `cf-gitops start: the embedded default (what \`npm start\` runs).

Usage: cf-gitops start [--port 8080] [--emulator-port 8787] [--data-dir DIR] [--log-file FILE] [--policy-floor FILE]

Without CLOUDFLARE_API_TOKEN: starts the local Cloudflare API emulator (state kept in
<data dir>/emulator-state.json), creates the zones and tunnels that this repository's stack names,
and runs the daemon with the native engine on this repository's current branch.
With CLOUDFLARE_API_TOKEN: no emulator; the daemon targets the real account with the stack's engine.

The daemon reads commits, not the work tree: commit a change under desired-state/ and it is applied
within seconds. Stop with Ctrl-C.

Flags:
${logFileHelp}
${policyFloorHelp}
`;

async function currentBranch(root: string): Promise<string> {
  const branch = (await simpleGit(root).revparse(["--abbrev-ref", "HEAD"]).catch(() => "main")).trim();
  return branch === "HEAD" ? "main" : branch;
}

async function startEmbeddedEmulator(root: string, dataDir: string, port: number, log: Logger): Promise<RunningEmulator> {
  const { stack } = await loadStack(root);
  const zones = stack ? (await loadDesiredState(resolve(root, stack.desired_state.dir), { root, stack })).state.zones.map((z) => z.zone) : [];
  const options = { statePath: resolve(dataDir, "emulator-state.json"), zones };
  const emulator = await startEmulator({ ...options, port }).catch(() => startEmulator({ ...options, port: 0 }));
  for (const tunnel of Object.keys(stack?.tunnels ?? {})) {
    const url = `${emulator.baseUrl}/accounts/${emulator.accountId}/cfd_tunnel`;
    const headers = { authorization: "Bearer emulator", "content-type": "application/json" };
    const existing = (await (await fetch(`${url}?name=${encodeURIComponent(tunnel)}&is_deleted=false`, { headers })).json()) as { result: unknown[] };
    if (existing.result.length === 0) await fetch(url, { method: "POST", headers, body: JSON.stringify({ name: tunnel, config_src: "cloudflare" }) });
  }
  log.info({ url: emulator.baseUrl, zones }, "emulator started");
  return emulator;
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(
    argv,
    { port: { type: "string", default: "8080" }, "emulator-port": { type: "string", default: "8787" }, "data-dir": { type: "string" }, ...logFileFlags, ...policyFloorFlag },
    "start",
  );
  const policyFloor = await checkedPolicyFloor(values, io);
  const root = io.cwd;
  const dataDir = resolve(root, values["data-dir"] ?? defaultDataDir(io));
  await ensureDataDir(dataDir); // a clear error naming the directory, before anything writes there
  const releaseDataDir = claimDataDir(dataDir); // restore refuses a data directory in use
  const logFile = await openLogFile(values, root);
  const log = createLogger({ destination: io.stderr, ...(logFile ? { also: logFile.stream } : {}) });
  const embedded = !io.env.CLOUDFLARE_API_TOKEN;
  let emulator: RunningEmulator | undefined;
  let env = io.env;
  if (embedded) {
    emulator = await startEmbeddedEmulator(root, dataDir, Number(values["emulator-port"]), log);
    env = { ...io.env, CLOUDFLARE_API_TOKEN: "emulator", CLOUDFLARE_BASE_URL: emulator.baseUrl, CLOUDFLARE_ACCOUNT_ID: emulator.accountId };
  }
  const branch = await currentBranch(root);
  const daemonOptions = {
    repo: root, branch, dataDir, env, log,
    runJob: childProcessRuns({ ...env, ...logFile?.runEnv }),
    ...(embedded ? { engine: "native" as const } : {}),
    ...(embedded ? { pollSeconds: 3 } : {}),
    ...(policyFloor ? { policyFloor } : {}),
  };
  const daemon = await startDaemon({ ...daemonOptions, port: Number(values.port) }).catch(() => startDaemon({ ...daemonOptions, port: 0 }));
  io.stdout.write(
    [
      `cf-gitops is reconciling branch ${branch} of ${root} (stack ${daemon.stack}${embedded ? ", native engine, local emulator" : ""})`,
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
