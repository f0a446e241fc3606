// cf-gitops doctor: checks the token, the zones it sees, the permissions it lacks, the pulumi CLI,
// and that every zone in desired-state/ exists. Read-only.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { loadDesiredState, loadStack } from "../desired-state/index.ts";
import { ApiError } from "../shared/errors.ts";
import type { NativeAdapter, NativeContext } from "../engines/native/adapter.ts";
import type { ZoneRef } from "../engines/native/zones.ts";
import type { KindDefinition, KindPermission } from "../kinds/kind.ts";
import { permissionName } from "../kinds/permissions.ts";
import { kinds } from "../kinds/registry.ts";
import { parseFlags } from "./args.ts";
import type { CliIo } from "./io.ts";
import { apiToken, cliLogger } from "./run-context.ts";
import { providerTokenProblem } from "../engines/pulumi/token.ts";

export const help = `Usage: cf-gitops doctor [--stack NAME]

Check that cf-gitops can do its job here:
  - the API token is valid and active (GET /user/tokens/verify), and has the shape the pulumi
    engine's provider accepts (40 to 80 letters, digits, - or _; a warning otherwise);
  - which zones it can see, and which permissions it lacks on each and on the account: the read
    permission of every kind cf-gitops manages (docs/security.md lists them), and the audit log,
    which drift attribution reads, only as a warning;
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

async function outcome(fn: () => Promise<unknown>): Promise<"ok" | "denied" | "absent"> {
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

/** The kinds whose own permission has this scope, by permission group (kinds sharing a group are probed once). */
function groupsOf(scope: KindPermission["scope"]): Map<string, KindDefinition[]> {
  const groups = new Map<string, KindDefinition[]>();
  for (const kind of kinds) {
    const own = kind.permissions[0];
    if (own.scope === scope) groups.set(own.group, [...(groups.get(own.group) ?? []), kind]);
  }
  return groups;
}

/**
 * Each kind's read permission, probed with its native adapter's cheapest read: for one zone, or for
 * the account. Returns the permissions refused and the kinds that could be read.
 */
async function probeKinds(scope: KindPermission["scope"], where: { zone?: ZoneRef; accountId: string }, adapters: Map<string, NativeAdapter>, ctx: NativeContext): Promise<{ missing: string[]; readable: string[] }> {
  const missing: string[] = [];
  const readable: string[] = [];
  for (const group of groupsOf(scope).values()) {
    const probe = adapters.get(group[0]!.id)?.probe;
    if (!probe) continue;
    if ((await outcome(() => probe(where, ctx))) === "denied") missing.push(`${permissionName(group[0]!.permissions[0], "Read")} (${group.map((kind) => kind.plural).join(", ")})`);
    else readable.push(...group.map((kind) => kind.plural));
  }
  return { missing, readable };
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
  const { nativeAdapters } = await import("../engines/native/adapters.ts");
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
  const adapters = await nativeAdapters();
  const accountId = io.env.CLOUDFLARE_ACCOUNT_ID;
  const probeCtx: NativeContext = { client, log: options.log, accountId: () => Promise.resolve(accountId ?? "") };
  // every registered kind's read permission, from its own declaration (src/kinds/<kind>/index.ts)
  for (const zone of zones) {
    const { missing, readable } = await probeKinds("Zone", { zone, accountId: zone.accountId ?? accountId ?? "" }, adapters, probeCtx);
    for (const permission of missing) line("fail", `${zone.name}: missing permission ${permission}`);
    if (readable.length > 0) line("ok", `${zone.name}: readable: ${readable.join(", ")}`);
  }
  const accounts = await outcome(() => call("list accounts", () => client.accounts.list()));
  if (accounts === "denied") line("warn", "cannot list accounts: set CLOUDFLARE_ACCOUNT_ID or account_id in the stack");
  else if (accountId) {
    const { missing, readable } = await probeKinds("Account", { accountId }, adapters, probeCtx);
    for (const permission of missing) line("fail", `account: missing permission ${permission}`);
    if (readable.length > 0) line("ok", `account: readable: ${readable.join(", ")}`);
    // Drift attribution only: without it, drift reports say so once and work otherwise.
    const since = new Date(Date.now() - 3_600_000).toISOString();
    const audit = await outcome(() => call("read the account audit log", () => client.accounts.logs.audit.list({ account_id: accountId, since, before: new Date().toISOString(), limit: 1 })));
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
