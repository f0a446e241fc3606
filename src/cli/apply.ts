// cf-gitops apply: plan, gate on policies, confirm, then make Cloudflare match the desired state.
import { createInterface } from "node:readline/promises";
import type { Plan } from "../plan/types.ts";
import { renderText } from "../plan/render-text.ts";
import { renderPolicyReport, runPolicies } from "../policy/index.ts";
import { parseFlags } from "./args.ts";
import type { CliIo } from "./io.ts";
import { prepareRun, type RunContext } from "./run-context.ts";

export const help = `Usage: cf-gitops apply [--stack NAME] [--engine native|pulumi] [--data-dir DIR] [--yes]

Make Cloudflare match the desired state. apply plans first, runs the policies on that plan
(a mandatory failure refuses the apply before any write), shows the plan and asks for
confirmation on a terminal. Without a terminal it refuses unless --yes is given.

Flags:
  --stack NAME      the stack (stacks/NAME.yaml; default: the only stack, else "default")
  --engine ENGINE   native or pulumi; default: the stack's engine
  --data-dir DIR    the pulumi engine's state (default: $CFGITOPS_DATA_DIR, else .cf-gitops)
  --yes, -y         apply without asking
  -h, --help        show this help

Environment: CLOUDFLARE_API_TOKEN, CLOUDFLARE_BASE_URL, CLOUDFLARE_ACCOUNT_ID.

Exit codes: 0 applied (or nothing to do), 1 error, invalid input, blocked by policy, or not confirmed.

Examples:
  npx cf-gitops apply            # asks before writing
  npx cf-gitops apply --yes      # CI, scripts
`;

type Refusal = "blocked" | "not-confirmed" | "no-tty";

async function confirm(io: CliIo): Promise<boolean> {
  const prompt = createInterface({ input: io.stdin, output: io.stderr });
  try {
    const answer = await prompt.question("Apply these changes? [y/N] ");
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}

function approver(io: CliIo, ctx: RunContext, yes: boolean, refusal: { reason?: Refusal }) {
  return async function approve(plan: Plan): Promise<boolean> {
    const policy = await runPolicies({ root: ctx.root, desired: ctx.desired, stack: ctx.stack, plan });
    io.stdout.write(renderText(plan));
    io.stdout.write(`\n${renderPolicyReport(policy, "text")}`);
    if (policy.blocked) {
      refusal.reason = "blocked";
      return false;
    }
    if (yes) return true;
    if (!io.stdin.isTTY) {
      refusal.reason = "no-tty";
      return false;
    }
    const ok = await confirm(io);
    if (!ok) refusal.reason = "not-confirmed";
    return ok;
  };
}

const refusalMessages: Record<Refusal, string> = {
  blocked: "error: a mandatory policy failed; nothing was applied\n",
  "no-tty": "error: refusing to apply without confirmation: not a terminal\nhint: pass --yes to apply non-interactively\n",
  "not-confirmed": "Apply cancelled; nothing was changed.\n",
};

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(argv, { stack: { type: "string" }, engine: { type: "string" }, "data-dir": { type: "string" }, yes: { type: "boolean", short: "y" } }, "apply");
  const ctx = await prepareRun(io, { stack: values.stack as string | undefined, engine: values.engine as string | undefined, dataDir: values["data-dir"] as string | undefined });
  if (typeof ctx === "number") return ctx;
  const refusal: { reason?: Refusal } = {};
  const result = await ctx.engine.apply(ctx.desired, { stack: ctx.stack, log: ctx.log, approve: approver(io, ctx, values.yes === true, refusal) });
  if (result.status === "no-changes") {
    io.stdout.write("No changes. Cloudflare matches the desired state.\n");
    return 0;
  }
  if (result.status === "declined") {
    io.stderr.write(refusalMessages[refusal.reason ?? "not-confirmed"]);
    return 1;
  }
  for (const outcome of result.outcomes) {
    const mark = outcome.status === "applied" ? "ok" : outcome.status === "failed" ? "FAILED" : "skipped";
    io.stdout.write(`  ${mark.padEnd(7)} ${outcome.op} ${outcome.id}\n`);
  }
  const applied = result.outcomes.filter((o) => o.status === "applied").length;
  if (result.status === "failed") {
    io.stderr.write(`error: ${result.error ?? "apply failed"}\n`);
    if (result.errorHint) io.stderr.write(`hint: ${result.errorHint}\n`);
    io.stderr.write(`${applied} of ${result.outcomes.length} change(s) were applied; rerun apply to converge.\n`);
    return 1;
  }
  io.stdout.write(`Applied ${applied} change(s).\n`);
  return 0;
}
