// cf-gitops emulator: serves the local Cloudflare API v4 emulator until SIGINT/SIGTERM.
import { ConfigError, UsageError } from "../shared/errors.ts";
import { parseFlags } from "./args.ts";
import type { CliIo } from "./io.ts";

export const help = `Usage: cf-gitops emulator [--port 8787] [--state FILE] [--account-id ID] [--token T…] [--zone NAME…]

Serves a local emulator of the Cloudflare API v4 subset cf-gitops uses (zones, DNS records and
batch, zone settings, ruleset entrypoints, tunnels, cache purge) and prints its base URL, e.g.
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

Test hooks (no auth): GET /__emulator/stats, POST /__emulator/reset,
GET|PUT /__emulator/faults (rateLimit, errorEvery, latencyMs, failNext).
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
