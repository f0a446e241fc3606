// cf-gitops emulator: serves the local Cloudflare API v4 emulator until SIGINT/SIGTERM.
import { ConfigError, UsageError } from "../shared/errors.ts";
import { parseUserFlag } from "../emulator/audit/actors.ts";
import { parseFlags } from "./args.ts";
import type { CliIo } from "./io.ts";

export const help = `Usage: cf-gitops emulator [--port 8787] [--state FILE] [--account-id ID] [--token T…] [--zone NAME…] [--user TOKEN=EMAIL…]

Serves a local emulator of the Cloudflare API v4 subset cf-gitops uses (zones, DNS records and
batch, zone settings, ruleset entrypoints, account lists, tunnels, cache purge, audit logs) and
prints its base URL, e.g.
http://127.0.0.1:8787/client/v4. Point the tool at it with:

  CLOUDFLARE_BASE_URL=http://127.0.0.1:8787/client/v4 CLOUDFLARE_API_TOKEN=any-token

It runs until interrupted (Ctrl-C, SIGTERM).

Flags:
  --port N          port to listen on (default 8787; 0 picks a free port)
  --host ADDR       address to bind (default 127.0.0.1)
  --state FILE      load state from FILE if it exists and save every change to it (atomically)
  --account-id ID   the account's id, 32 hex characters (default 0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f)
  --token T         accept only this API token (repeatable; default: any non-empty token)
  --zone NAME       make sure this zone exists, creating it at start if needed (repeatable)
  --latency MS      add MS milliseconds to every API response
  --user TOKEN=EMAIL
                    name EMAIL as the actor of the changes made with TOKEN in the audit log
                    (GET /accounts/{id}/logs/audit and /audit_logs; repeatable). Other tokens are
                    logged as api-token@emulator. Add the header "cf-emulator-via: dashboard" to a
                    request to log it as a dashboard change.
  --dashboard-user TOKEN=EMAIL
                    like --user, but every change made with TOKEN is logged as made in the dashboard

Test hooks (no auth): GET /__emulator/stats, POST /__emulator/reset,
GET|PUT /__emulator/faults (rateLimit, errorEvery, latencyMs, failNext, bulkOperations,
auditLogs), GET /__emulator/audit.
`;

function parsePort(value: string | undefined): number {
  if (value === undefined) return 8787;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535; got "${value}"`);
  return port;
}

function parseLatency(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const latency = Number(value);
  if (!Number.isFinite(latency) || latency < 0) throw new UsageError(`--latency must be a number of milliseconds; got "${value}"`);
  return latency;
}

/** --user / --dashboard-user values -> the emulator's users option. */
function parseUsers(plain: string[] = [], dashboard: string[] = []): Record<string, { email: string; via: "api" | "dashboard" }> {
  const users: Record<string, { email: string; via: "api" | "dashboard" }> = {};
  for (const [values, via, flag] of [[plain, "api", "--user"], [dashboard, "dashboard", "--dashboard-user"]] as const) {
    for (const value of values) {
      const parsed = parseUserFlag(value);
      if (!parsed) throw new UsageError(`${flag} must look like TOKEN=EMAIL; got "${value}"`);
      users[parsed[0]] = { email: parsed[1], via };
    }
  }
  return users;
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    argv,
    {
      port: { type: "string" },
      host: { type: "string" },
      state: { type: "string" },
      "account-id": { type: "string" },
      token: { type: "string", multiple: true },
      zone: { type: "string", multiple: true },
      latency: { type: "string" },
      user: { type: "string", multiple: true },
      "dashboard-user": { type: "string", multiple: true },
    },
    "emulator",
  );
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, { hint: "run: cf-gitops emulator --help" });
  const accountId = values["account-id"];
  if (accountId !== undefined && !/^[0-9a-f]{32}$/.test(accountId)) {
    throw new UsageError(`--account-id must be 32 lower-case hex characters; got "${accountId}"`);
  }
  const options = {
    port: parsePort(values.port),
    host: values.host ?? "127.0.0.1",
    statePath: values.state,
    accountId,
    tokens: values.token,
    zones: values.zone,
    latencyMs: parseLatency(values.latency),
    users: parseUsers(values.user, values["dashboard-user"]),
  };
  const { startEmulator } = await import("../emulator/index.ts");
  let emulator;
  try {
    emulator = await startEmulator(options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") throw new UsageError(`port ${options.port} is already in use`, { hint: "pick another with --port, or --port 0 for a free one" });
    if (options.statePath && error instanceof Error && !code) throw new ConfigError(error.message, { file: options.statePath, cause: error });
    throw error;
  }
  io.stdout.write(`${emulator.baseUrl}\n`);
  io.stderr.write(`cf-gitops emulator: account ${emulator.accountId}${options.statePath ? `, state in ${options.statePath}` : ""}; Ctrl-C to stop\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  await emulator.close();
  io.stderr.write("cf-gitops emulator: stopped\n");
  return 0;
}
