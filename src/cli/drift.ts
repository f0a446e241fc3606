// cf-gitops drift: what differs between Cloudflare and git, field by field. Read-only.
import { UsageError } from "../shared/errors.ts";
import { oneOf, parseFlags } from "./args.ts";
import type { CliIo } from "./io.ts";
import { planFormats, renderPlanOutput } from "./plan-output.ts";
import { prepareRun } from "./run-context.ts";

export const help = `Usage: cf-gitops drift [--stack NAME] [--engine native|pulumi] [--data-dir DIR] [--format text|json|markdown] [--since WHEN] [--detailed-exitcode]

Compare what is live in Cloudflare with what git says, field by field, and report every
difference (shown as live -> git). Read-only: nothing is written. \`cf-gitops apply\` remediates.
Each difference names who last changed the object (changedBy), from the account's audit log;
without the token permission Account > Account Settings > Read, the report says so once.

Flags:
  --stack NAME          the stack (stacks/NAME.yaml; default: the only stack, else "default")
  --data-dir DIR        the pulumi engine's state (default: $CFGITOPS_DATA_DIR, else .cf-gitops)
  --engine ENGINE       native or pulumi; default: the stack's engine
  --format FORMAT       text (default), json (one document on stdout), markdown
  --since WHEN          read the audit log from WHEN: a time (2026-11-28T10:00:00Z) or an age
                        (30m, 24h, 7d; default 7d); "off" skips attribution
  --detailed-exitcode   exit 2 when there is drift
  -h, --help            show this help

Environment: CLOUDFLARE_API_TOKEN, CLOUDFLARE_BASE_URL, CLOUDFLARE_ACCOUNT_ID.

Exit codes: 0 no drift (or drift without --detailed-exitcode), 1 error or invalid input,
2 drift (with --detailed-exitcode).

Examples:
  npx cf-gitops drift --detailed-exitcode
  npx cf-gitops drift --format json
`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(
    argv,
    { stack: { type: "string" }, engine: { type: "string" }, "data-dir": { type: "string" }, format: { type: "string" }, since: { type: "string" }, "detailed-exitcode": { type: "boolean" } },
    "drift",
  );
  const format = oneOf(values.format as string | undefined, planFormats, "format", "text");
  const since = values.since === undefined ? undefined : parseSince(values.since as string);
  const ctx = await prepareRun(io, { stack: values.stack as string | undefined, engine: values.engine as string | undefined, dataDir: values["data-dir"] as string | undefined, format });
  if (typeof ctx === "number") return ctx;
  const drift = await ctx.engine.drift(ctx.desired, { stack: ctx.stack, log: ctx.log, ...(since !== undefined ? { attributionSince: since } : {}) });
  io.stdout.write(renderPlanOutput(drift, format, { mode: "drift", diagnostics: ctx.diagnostics }));
  return values["detailed-exitcode"] && drift.changes.length > 0 ? 2 : 0;
}

const units: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** --since: "off", an age (30m, 24h, 7d) or an ISO 8601 time. */
export function parseSince(value: string, now = Date.now()): Date | false {
  if (value === "off") return false;
  const age = /^(\d+)([mhd])$/.exec(value);
  if (age) return new Date(now - Number(age[1]) * units[age[2]!]!);
  const time = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) throw new UsageError(`--since ${JSON.stringify(value)} is not a time or an age`, { hint: "use an ISO 8601 time (2026-11-28T10:00:00Z), an age such as 30m, 24h or 7d, or off" });
  return new Date(time);
}
