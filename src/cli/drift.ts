// cf-gitops drift: what differs between Cloudflare and git, field by field. Read-only.
import { oneOf, parseFlags } from "./args.ts";
import type { CliIo } from "./io.ts";
import { planFormats, renderPlanOutput } from "./plan-output.ts";
import { prepareRun } from "./run-context.ts";

export const help = `Usage: cf-gitops drift [--stack NAME] [--engine native|pulumi] [--data-dir DIR] [--format text|json|markdown] [--detailed-exitcode]

Compare what is live in Cloudflare with what git says, field by field, and report every
difference (shown as live -> git). Read-only: nothing is written. \`cf-gitops apply\` remediates.

Flags:
  --stack NAME          the stack (stacks/NAME.yaml; default: the only stack, else "default")
  --data-dir DIR        the pulumi engine's state (default: $CFGITOPS_DATA_DIR, else .cf-gitops)
  --engine ENGINE       native or pulumi; default: the stack's engine
  --format FORMAT       text (default), json (one document on stdout), markdown
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
    { stack: { type: "string" }, engine: { type: "string" }, "data-dir": { type: "string" }, format: { type: "string" }, "detailed-exitcode": { type: "boolean" } },
    "drift",
  );
  const format = oneOf(values.format as string | undefined, planFormats, "format", "text");
  const ctx = await prepareRun(io, { stack: values.stack as string | undefined, engine: values.engine as string | undefined, dataDir: values["data-dir"] as string | undefined, format });
  if (typeof ctx === "number") return ctx;
  const drift = await ctx.engine.drift(ctx.desired, { stack: ctx.stack, log: ctx.log });
  io.stdout.write(renderPlanOutput(drift, format, { mode: "drift", diagnostics: ctx.diagnostics }));
  return values["detailed-exitcode"] && drift.changes.length > 0 ? 2 : 0;
}
