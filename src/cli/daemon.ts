import { resolve } from "node:path";
import { claimDataDir } from "../backup/data-dir-lock.ts";
import { ensureDataDir } from "../daemon/data-dir.ts";
import { startDaemon } from "../daemon/daemon.ts";
import { createLogger } from "../shared/logger.ts";
import { redactorFromEnv, urlCredentials } from "../shared/redact.ts";
import { parseFlags, policyTimeoutFlag, policyTimeoutHelp, policyTimeoutMs } from "./args.ts";
import { logFileFlags, logFileHelp, openLogFile } from "./log-file.ts";
import type { CliIo } from "./io.ts";
import { childProcessRuns, concurrencyFrom, concurrencyHelp, defaultDataDir, waitForShutdown } from "./daemon-support.ts";
import { lanAddress, webhookLines } from "./daemon-webhook-url.ts";
import { checkedPolicyFloor, policyFloorFlag, policyFloorHelp } from "./policy-floor.ts";

export const help = `cf-gitops daemon: keep Cloudflare equal to a git branch, for every stack.

Usage: cf-gitops daemon [--stack NAME]... [--repo URL|PATH] [--branch main] [--data-dir DIR] [--port 8080] [--host 127.0.0.1] [--concurrency 1] [--log-file FILE] [--policy-floor FILE] [--policy-timeout SECONDS]

Clones the repository into the data directory and reconciles every stack in stacks/: applies the
branch head on start, on every push (GitHub webhook, or polling every poll_interval) to the stacks
whose files the push changed (their stack file, their desired-state include patterns, or
policies/), and on each stack's schedules; checks drift on each stack's schedules.drift. One fetch
serves all stacks; each stack has its own queue, and each run its own process. Runs are recorded in
<data dir>/history.sqlite and one status page for all stacks is written to <data dir>/public.

Flags:
  --stack NAME       only this stack (repeat for several; default: every stack in stacks/)
  --repo URL|PATH    repository to track (default: the current directory)
  --branch NAME      branch to track (default: main)
  --data-dir DIR     clone, history, status page, Pulumi backend (default: $CFGITOPS_DATA_DIR or .cf-gitops)
  --port N           HTTP port for the page, /metrics, /api and webhooks (default: 8080; 0 = any free port)
  --host ADDR        address to listen on (default: 127.0.0.1, this machine only; 0.0.0.0 for the
                     LAN, which GitHub's webhook needs: the daemon prints the webhook URL at start)
${concurrencyHelp}
${logFileHelp}
${policyFloorHelp}
${policyTimeoutHelp}

Environment:
  CLOUDFLARE_API_TOKEN, CLOUDFLARE_ACCOUNT_ID, CLOUDFLARE_BASE_URL   the Cloudflare account (or the emulator)
  <api_token_env>           a stack's own token, in the variable its stack file names (api_token_env)
  CFGITOPS_ADMIN_TOKEN      bearer token for POST /api/reconcile (also grants read when a read token is set)
  CFGITOPS_READ_TOKEN       optional: the page and read API need it (HTTP Basic password or Bearer)
  CFGITOPS_PROTECT_METRICS  1: /metrics needs the read token too (default: open, like /healthz)
  CFGITOPS_WEBHOOK_SECRET   secret of the GitHub webhook (POST /webhooks/github); without it, polling only
  CFGITOPS_PUBLIC_URL       where GitHub reaches the daemon (a tunnel, proxy or port forward), for the printed webhook URL
  CFGITOPS_TRUSTED_PROXIES  addresses of reverse proxies whose X-Forwarded-For is believed (docs/daemon-http.md)
  GITHUB_TOKEN              commit statuses "cf-gitops/apply" on applied commits

Each run's process gets only what a run needs: the system basics, CLOUDFLARE_BASE_URL and
CLOUDFLARE_ACCOUNT_ID, its stack's token, PULUMI_* and AWS_*, and CFGITOPS_* settings, never the
admin token, the webhook secret, the notification secrets or another stack's token; custom policies
run in a sandbox process of their own with no environment at all (--policy-timeout stops them).

Stops cleanly on SIGTERM or SIGINT: the current stage finishes (or is cancelled after 20 s), exit 0.
`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(
    argv,
    {
      stack: { type: "string", multiple: true },
      repo: { type: "string" },
      branch: { type: "string", default: "main" },
      "data-dir": { type: "string" },
      port: { type: "string", default: "8080" },
      host: { type: "string", default: "127.0.0.1" },
      concurrency: { type: "string" },
      ...logFileFlags,
      ...policyFloorFlag,
      ...policyTimeoutFlag,
    },
    "daemon",
  );
  const policyTimeout = policyTimeoutMs(values["policy-timeout"]);
  const policyFloor = await checkedPolicyFloor(values, io);
  const root = io.cwd;
  const concurrency = concurrencyFrom(values.concurrency, io.env);
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
    ...(values.stack ? { stacks: values.stack } : {}),
    concurrency,
    dataDir,
    host: values.host,
    port: Number(values.port),
    env: io.env,
    log,
    runJob: childProcessRuns({ ...io.env, ...logFile?.runEnv }),
    ...(policyFloor ? { policyFloor } : {}),
    ...(policyTimeout ? { timeouts: { policy: policyTimeout } } : {}),
    redact,
  });
  const names = daemon.stacks();
  io.stdout.write(`cf-gitops daemon tracking ${values.branch} of ${redact(values.repo ?? root)} (${names.length === 1 ? "stack" : "stacks"} ${names.join(", ") || "none yet"})\n`);
  io.stdout.write(`status page: ${daemon.url}/\nmetrics:     ${daemon.url}/metrics\n`);
  const port = Number(new URL(daemon.url).port);
  io.stdout.write(`${webhookLines({ host: values.host, port, secret: Boolean(io.env.CFGITOPS_WEBHOOK_SECRET), publicUrl: io.env.CFGITOPS_PUBLIC_URL, lan: lanAddress() }).join("\n")}\n`);
  await waitForShutdown(log);
  await daemon.stop();
  releaseDataDir();
  await logFile?.close();
  return 0;
}
