// loadStack: stacks/<name>.yaml -> StackConfig with defaults. Pulumi's own Pulumi.<name>.yaml
// files live in the same folder (stackConfigDir) and are skipped.
import { isAbsolute, normalize, resolve, sep } from "node:path";
import cron from "node-cron";
import { readYamlFile } from "./read-file.ts";
import { chooseStack, stackDefaults, stackNames } from "./stack-files.ts";
import { checkSchema } from "./schema-check.ts";
import { pathLocation } from "./source-map.ts";
import type { Diagnostic, StackConfig, TunnelRef } from "./types.ts";

export { stackDefaults };

type Raw = Record<string, unknown>;
const obj = (value: unknown): Raw => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Raw) : {});


export function toStackConfig(name: string, file: string, raw: Raw): StackConfig {
  const desired = obj(raw.desired_state);
  const schedules = obj(raw.schedules);
  const notify = obj(raw.notify);
  const certificates = obj(raw.certificates);
  const tunnels: Record<string, TunnelRef> = {};
  for (const [tunnel, ref] of Object.entries(obj(raw.tunnels))) tunnels[tunnel] = typeof obj(ref).id === "string" ? { id: String(obj(ref).id) } : {};
  const stack: StackConfig = {
    name,
    file,
    engine: raw.engine === "native" ? "native" : stackDefaults.engine,
    desired_state: { dir: typeof desired.dir === "string" ? desired.dir : "desired-state", include: Array.isArray(desired.include) ? desired.include.map(String) : [...stackDefaults.include] },
    tunnels,
    create_zones: raw.create_zones === true,
    dns_batch_size: typeof raw.dns_batch_size === "number" ? raw.dns_batch_size : stackDefaults.dns_batch_size,
    poll_interval: typeof raw.poll_interval === "number" ? raw.poll_interval : stackDefaults.poll_interval,
    schedules: { drift: typeof schedules.drift === "string" ? schedules.drift : stackDefaults.drift_schedule, ...(typeof schedules.reapply === "string" ? { reapply: schedules.reapply } : {}) },
    drift_remediation: raw.drift_remediation === "apply" ? "apply" : stackDefaults.drift_remediation,
    notify: {
      ...(notify as Partial<StackConfig["notify"]>),
      github_status: notify.github_status !== false,
      repeat_after: typeof notify.repeat_after === "number" ? notify.repeat_after : 86400,
    },
    certificates: {
      enabled: certificates.enabled !== false,
      port: typeof certificates.port === "number" ? certificates.port : 443,
      ...(Array.isArray(certificates.hostnames) ? { hostnames: certificates.hostnames.map(String) } : {}),
    },
    history: { retention_days: typeof obj(raw.history).retention_days === "number" ? Number(obj(raw.history).retention_days) : 90 },
  };
  if (typeof raw.account_id === "string") stack.account_id = raw.account_id;
  if (typeof raw.api_token_env === "string") stack.api_token_env = raw.api_token_env;
  return stack;
}

/** Without a name: the only stack, else the one named "default". Never throws on user input. */
export async function loadStack(root: string, name?: string): Promise<{ stack?: StackConfig; diagnostics: Diagnostic[] }> {
  const names = (await stackNames(root)) ?? [];
  const chosen = chooseStack(names, name);
  const problem = (code: string, message: string, hint: string, file = "stacks") => ({ diagnostics: [{ file, line: 1, column: 1, severity: "error" as const, code, message, hint }] });
  if (chosen === undefined) {
    return names.length === 0
      ? problem("stack-missing", "there is no stack file in stacks/", "create stacks/default.yaml (see the shipped example)")
      : problem("stack-ambiguous", `several stacks (${names.join(", ")}) and none is named default`, "pass --stack NAME");
  }
  const file = `stacks/${chosen}.yaml`;
  if (!names.includes(chosen)) return problem("stack-missing", `stack "${chosen}" does not exist (${file})`, names.length ? `known stacks: ${names.join(", ")}` : "create it", file);
  const read = await readYamlFile(resolve(root, file), file, root);
  if (!read.parsed) return { diagnostics: read.diagnostics };
  const checked = checkSchema("stack", read.parsed);
  const diagnostics = [...read.diagnostics, ...checked.diagnostics];
  const raw = obj(read.parsed.value);
  for (const key of ["drift", "reapply"] as const) {
    const expression = obj(raw.schedules)[key];
    if (typeof expression === "string" && !cron.validate(expression)) {
      diagnostics.push({ ...pathLocation(read.parsed, ["schedules", key]), severity: "error", code: "stack-invalid-schedule", message: `"${expression}" is not a valid cron expression`, hint: 'five fields: minute hour day month weekday, e.g. "*/15 * * * *"' });
    }
  }
  const dir = obj(raw.desired_state).dir;
  if (typeof dir === "string" && !insideRepository(dir)) {
    diagnostics.push({
      ...pathLocation(read.parsed, ["desired_state", "dir"]), severity: "error", code: "stack-dir-outside-repository",
      message: `desired_state.dir "${dir}" is outside the repository`,
      hint: "name a folder of the repository, relative to its root (e.g. desired-state)",
    });
  }
  const tokenEnv = raw.api_token_env;
  if (typeof tokenEnv === "string" && !isStackTokenVariable(tokenEnv)) {
    diagnostics.push({
      ...pathLocation(read.parsed, ["api_token_env"]), severity: "error", code: "stack-token-env-reserved",
      message: `api_token_env may not name ${tokenEnv}: it holds a secret of the daemon, not a Cloudflare token`,
      hint: "name a variable of its own for this stack's token, e.g. CLOUDFLARE_API_TOKEN_WORK",
    });
  }
  if (diagnostics.length > 0) return { diagnostics };
  return { stack: toStackConfig(chosen, file, raw), diagnostics };
}

/** A relative path that stays in the repository (no leading /, no way up past the root). */
function insideRepository(dir: string): boolean {
  const normal = normalize(dir);
  return !isAbsolute(dir) && normal !== ".." && !normal.startsWith(`..${sep}`) && !normal.startsWith("../");
}

// The daemon's own secrets: a run's process must never be handed one, whatever a stack file says
// (the run executes committed custom policies).
const daemonSecret = /^(CFGITOPS_|GITHUB_TOKEN$|GH_TOKEN$|PULUMI_CONFIG_PASSPHRASE$|PULUMI_ACCESS_TOKEN$)/;

/** Whether a stack may take its Cloudflare token from this variable (`api_token_env`). */
export function isStackTokenVariable(name: string): boolean {
  return !daemonSecret.test(name);
}
