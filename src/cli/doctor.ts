// cf-gitops doctor: checks the token, the zones it sees, the permissions it lacks, the pulumi CLI,
// and that every zone in desired-state/ exists. Read-only.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { promisify } from "node:util";
import type Cloudflare from "cloudflare";
import { loadDesiredState, loadStack } from "../desired-state/index.ts";
import { ApiError } from "../shared/errors.ts";
import type { call as callType } from "../engines/native/call.ts";
import { parseFlags } from "./args.ts";
import type { CliIo } from "./io.ts";
import { apiToken, cliLogger } from "./run-context.ts";
import { providerTokenProblem } from "../engines/pulumi/token.ts";

export const help = `Usage: cf-gitops doctor [--stack NAME]

Check that cf-gitops can do its job here:
  - the API token is valid and active (GET /user/tokens/verify), and has the shape the pulumi
    engine's provider accepts (40 to 80 letters, digits, - or _; a warning otherwise);
  - which zones it can see, and which permissions it lacks on each (DNS, zone settings,
    firewall and rate-limiting rules, cache rules, redirects) and on the account (tunnels, lists;
    the audit log, which drift attribution reads, only as a warning);
  - the pulumi CLI is on PATH (needed by the pulumi engine only);
  - every zone in desired-state/ exists in the account.
Nothing is written.

Flags:
  --stack NAME   the stack whose desired state is checked (default: the only stack, else "default")
  -h, --help     show this help

Environment: CLOUDFLARE_API_TOKEN, CLOUDFLARE_BASE_URL, CLOUDFLARE_ACCOUNT_ID.

Exit codes: 0 everything needed works, 1 something is missing (each problem is listed).
`;

type Status = "ok" | "warn" | "fail";
type CallFn = typeof callType;

async function probe(fn: () => Promise<unknown>): Promise<"ok" | "denied" | "absent"> {
  try {
    await fn();
    return "ok";
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return "denied";
    if (error instanceof ApiError && error.status === 404) return "absent";
    throw error;
  }
}

async function pulumiVersion(io: CliIo): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)("pulumi", ["version"], { env: io.env, timeout: 15_000 });
    return stdout.trim();
  } catch {
    return undefined;
  }
}

async function zonePermissions(client: Cloudflare, call: CallFn, zone: { id: string; name: string }): Promise<string[]> {
  const missing: string[] = [];
  const checks: [string, () => Promise<unknown>][] = [
    ["DNS Read", () => call(`list DNS records of ${zone.name}`, () => client.dns.records.list({ zone_id: zone.id, per_page: 1 }))],
    ["Zone Settings Read", () => call(`read settings of ${zone.name}`, () => client.get(`/zones/${zone.id}/settings`))],
    ["Zone WAF Read", () => call(`read firewall rules of ${zone.name}`, () => client.rulesets.phases.get("http_request_firewall_custom", { zone_id: zone.id }))],
    ["Cache Rules Read", () => call(`read cache rules of ${zone.name}`, () => client.rulesets.phases.get("http_request_cache_settings", { zone_id: zone.id }))],
    ["Single Redirect Read", () => call(`read redirects of ${zone.name}`, () => client.rulesets.phases.get("http_request_dynamic_redirect", { zone_id: zone.id }))],
  ];
  for (const [permission, check] of checks) if ((await probe(check)) === "denied") missing.push(permission);
  return missing;
}

async function checkPulumi(io: CliIo, needsPulumi: boolean, line: (status: Status, text: string) => void): Promise<void> {
  const version = await pulumiVersion(io);
  if (version) line("ok", `pulumi CLI ${version}`);
  else line(needsPulumi ? "fail" : "warn", `pulumi CLI not found on PATH${needsPulumi ? " (the stack uses the pulumi engine)" : " (only the pulumi engine needs it)"}`);
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(argv, { stack: { type: "string" } }, "doctor");
  const problems: string[] = [];
  const line = (status: Status, text: string) => {
    io.stdout.write(`${status === "ok" ? "ok  " : status === "warn" ? "warn" : "FAIL"}  ${text}\n`);
    if (status === "fail") problems.push(text);
  };
  const { createClient, listZones } = await import("../engines/native/index.ts");
  const { call } = await import("../engines/native/call.ts");
  const options: Parameters<typeof createClient>[0] = { apiToken: apiToken(io), log: cliLogger(io), retry: { maxRetries: 1 } };
  if (io.env.CLOUDFLARE_BASE_URL) options.baseUrl = io.env.CLOUDFLARE_BASE_URL;
  const client = createClient(options);
  io.stdout.write(`API: ${options.baseUrl ?? "https://api.cloudflare.com/client/v4"}\n`);
  // only the pulumi engine cares, and only a warning: the native engine and the emulator take any token
  const shape = providerTokenProblem(options.apiToken);
  if (shape) line("warn", `${shape} (the native engine is not affected)`);
  try {
    const token = await call("verify the API token", () => client.user.tokens.verify());
    line(token.status === "active" ? "ok" : "fail", `token is ${token.status}`);
  } catch (error) {
    line("fail", `token: ${error instanceof Error ? error.message : String(error)}`);
    // The local checks still run: one doctor run should list every problem it can see.
    const stacked = existsSync(resolve(io.cwd, "stacks")) ? await loadStack(io.cwd, values.stack as string | undefined) : { diagnostics: [] };
    await checkPulumi(io, stacked.stack?.engine === "pulumi", line);
    io.stdout.write(`\n${problems.length} problem(s) found; the account checks need a working token and API URL.\n`);
    return 1;
  }
  const zones = await listZones(client, io.env.CLOUDFLARE_ACCOUNT_ID);
  line(zones.length > 0 ? "ok" : "warn", `zones visible: ${zones.length ? zones.map((z) => z.name).join(", ") : "none"}`);
  for (const zone of zones) {
    const missing = await zonePermissions(client, call, zone);
    line(missing.length ? "fail" : "ok", missing.length ? `${zone.name}: missing permission ${missing.join(", ")}` : `${zone.name}: DNS, settings, firewall, rate limits, cache rules and redirects readable`);
  }
  const accountId = io.env.CLOUDFLARE_ACCOUNT_ID;
  const accounts = await probe(() => call("list accounts", () => client.accounts.list()));
  if (accounts === "denied") line("warn", "cannot list accounts: set CLOUDFLARE_ACCOUNT_ID or account_id in the stack");
  else if (accountId) {
    const tunnels = await probe(() => call("list tunnels", () => client.zeroTrust.tunnels.cloudflared.list({ account_id: accountId, per_page: 1 })));
    line(tunnels === "denied" ? "fail" : "ok", tunnels === "denied" ? "account: missing permission Cloudflare Tunnel Read" : "account: tunnels readable");
    const lists = await probe(() => call("list the account's lists", () => client.rules.lists.list({ account_id: accountId })));
    line(lists === "denied" ? "fail" : "ok", lists === "denied" ? "account: missing permission Account Filter Lists Read" : "account: lists readable");
    // Drift attribution only: without it, drift reports say so once and work otherwise.
    const since = new Date(Date.now() - 3_600_000).toISOString();
    const audit = await probe(() => call("read the account audit log", () => client.accounts.logs.audit.list({ account_id: accountId, since, before: new Date().toISOString(), limit: 1 })));
    line(audit === "ok" ? "ok" : "warn", audit === "ok" ? "account: audit log readable (drift reports name who changed what)" : "account: audit log not readable: drift reports cannot name who changed what (add Account › Account Settings › Read)");
  }
  const stacked = existsSync(resolve(io.cwd, "stacks")) ? await loadStack(io.cwd, values.stack as string | undefined) : { diagnostics: [] };
  await checkPulumi(io, stacked.stack?.engine === "pulumi", line);
  if (stacked.stack) {
    const loaded = await loadDesiredState(resolve(io.cwd, stacked.stack.desired_state.dir), { root: io.cwd, stack: stacked.stack });
    const names = new Set(zones.map((zone) => zone.name));
    for (const zone of loaded.state.zones) {
      const exists = names.has(zone.zone);
      line(exists ? "ok" : stacked.stack.create_zones ? "warn" : "fail", `desired zone ${zone.zone} ${exists ? "exists" : `is missing from the account${stacked.stack.create_zones ? " (create_zones: true will create it)" : ""}`}`);
    }
  }
  io.stdout.write(problems.length ? `\n${problems.length} problem(s) found.\n` : "\nAll checks passed.\n");
  return problems.length ? 1 : 0;
}
