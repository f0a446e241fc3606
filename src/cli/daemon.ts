import { resolve } from "node:path";
import { claimDataDir } from "../backup/data-dir-lock.ts";
import { ensureDataDir } from "../daemon/data-dir.ts";
import { startDaemon } from "../daemon/daemon.ts";
import { createLogger } from "../shared/logger.ts";
import { redactorFromEnv, urlCredentials } from "../shared/redact.ts";
import { parseFlags } from "./args.ts";
import { logFileFlags, logFileHelp, openLogFile } from "./log-file.ts";
import type { CliIo } from "./io.ts";
import { childProcessRuns, defaultDataDir, waitForShutdown } from "./daemon-support.ts";
import { checkedPolicyFloor, policyFloorFlag, policyFloorHelp } from "./policy-floor.ts";

export const help = `cf-gitops daemon: keep Cloudflare equal to a git branch.

Usage: cf-gitops daemon [--stack NAME] [--repo URL|PATH] [--branch main] [--data-dir DIR] [--port 8080] [--host 127.0.0.1] [--log-file FILE] [--policy-floor FILE]

Clones (or fetches) the repository into the data directory, applies the branch head on start,
on every push (GitHub webhook or polling every poll_interval) and on the stack's schedules,
and checks drift on schedules.drift. Runs are recorded in <data dir>/history.sqlite and the status
page is written to <data dir>/public after every run.

Flags:
  --stack NAME       stack file in stacks/ (default: the only one, or "default")
  --repo URL|PATH    repository to track (default: the current directory)
  --branch NAME      branch to track (default: main)
  --data-dir DIR     clone, history, status page, Pulumi backend (default: $CFGITOPS_DATA_DIR or .cf-gitops)
  --port N           HTTP port for the page, /metrics, /api and webhooks (default: 8080; 0 = any free port)
  --host ADDR        address to listen on (default: 127.0.0.1; 0.0.0.0 for the LAN)
${logFileHelp}
${policyFloorHelp}

Environment:
  CLOUDFLARE_API_TOKEN, CLOUDFLARE_ACCOUNT_ID, CLOUDFLARE_BASE_URL   the Cloudflare account (or the emulator)
  CFGITOPS_ADMIN_TOKEN      bearer token for POST /api/reconcile
  CFGITOPS_WEBHOOK_SECRET   secret of the GitHub webhook (POST /webhooks/github)
  GITHUB_TOKEN              commit statuses "cf-gitops/apply" on applied commits

Stops cleanly on SIGTERM or SIGINT: the current stage finishes (or is cancelled after 20 s), exit 0.
`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(
    argv,
    {
      stack: { type: "string" },
      repo: { type: "string" },
      branch: { type: "string", default: "main" },
      "data-dir": { type: "string" },
      port: { type: "string", default: "8080" },
      host: { type: "string", default: "127.0.0.1" },
      ...logFileFlags,
      ...policyFloorFlag,
    },
    "daemon",
  );
  const policyFloor = await checkedPolicyFloor(values, io);
  const root = io.cwd;
  const dataDir = resolve(root, values["data-dir"] ?? defaultDataDir(io));
  await ensureDataDir(dataDir); // a clear error naming the directory, before anything writes there
  const releaseDataDir = claimDataDir(dataDir); // restore refuses a data directory in use
  const logFile = await openLogFile(values, root);
  const redact = redactorFromEnv(io.env);
  redact.add(urlCredentials(values.repo ?? "")); // a password in --repo is redacted wherever it shows up
  const log = createLogger({ destination: io.stderr, ...(logFile ? { also: logFile.stream } : {}), redact });
  const daemon = await startDaemon({
    repo: values.repo ?? root,
    branch: values.branch,
    ...(values.stack ? { stackName: values.stack } : {}),
    dataDir,
    host: values.host,
    port: Number(values.port),
    env: io.env,
    log,
    runJob: childProcessRuns({ ...io.env, ...logFile?.runEnv }),
    ...(policyFloor ? { policyFloor } : {}),
  });
  io.stdout.write(`cf-gitops daemon tracking ${values.branch} of ${redact(values.repo ?? root)} (stack ${daemon.stack})\n`);
  io.stdout.write(`status page: ${daemon.url}/\nmetrics:     ${daemon.url}/metrics\n`);
  await waitForShutdown(log);
  await daemon.stop();
  releaseDataDir();
  await logFile?.close();
  return 0;
}
