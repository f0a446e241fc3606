// cf-gitops apply: plan (or take a saved plan), gate on policies, confirm, then make Cloudflare
// match the desired state.
import { resolve } from "node:path";
import { createInterface } from "node:readline/promises";
import { shortFingerprint } from "../plan/fingerprint.ts";
import { renderText } from "../plan/render-text.ts";
import { checkSavedPlanTarget, readSavedPlan } from "../plan/saved.ts";
import type { ApplyResult, Plan } from "../plan/types.ts";
import { policyGate, renderPolicyReport } from "../policy/index.ts";
import { UsageError } from "../shared/errors.ts";
import { openCustomPolicies, sandboxOptions, type CustomPolicies } from "../policy/sandbox/index.ts";
import { parseFlags, policyTimeoutFlag, policyTimeoutHelp, policyTimeoutMs } from "./args.ts";
import type { CliIo } from "./io.ts";
import { policyFloor, policyFloorFlag, policyFloorHelp } from "./policy-floor.ts";
import { prepareRun, type RunContext } from "./run-context.ts";

export const help = `Usage: cf-gitops apply [FILE] [--stack NAME] [--engine native|pulumi] [--data-dir DIR] [--yes] [--policy-floor FILE]
                       [--policy-timeout SECONDS]

Make Cloudflare match the desired state. apply plans first, runs the policies on that plan
(a mandatory failure refuses the apply before any write), shows the plan and asks for
confirmation on a terminal. Without a terminal it refuses unless --yes is given.

With FILE (written by \`cf-gitops plan --out FILE\`), apply applies exactly that plan. It refuses,
writing nothing, when the plan was made for another stack, engine or account, when the file was
edited, or when Cloudflare changed since the plan was made (the message names what moved). The
native engine reads again what the plan read and compares fingerprints; the pulumi engine previews
again and applies only if the preview has exactly the saved plan's changes.

Flags:
  --stack NAME      the stack (stacks/NAME.yaml; default: the only stack, else "default")
  --engine ENGINE   native or pulumi; default: the stack's engine
  --data-dir DIR    the pulumi engine's state (default: $CFGITOPS_DATA_DIR, else .cf-gitops)
  --yes, -y         apply without asking
${policyFloorHelp}
${policyTimeoutHelp}
  -h, --help        show this help

Environment: CLOUDFLARE_API_TOKEN, CLOUDFLARE_BASE_URL, CLOUDFLARE_ACCOUNT_ID.

Exit codes: 0 applied (or nothing to do), 1 error, invalid input, blocked by policy, a saved plan
that no longer holds, or not confirmed.

Examples:
  npx cf-gitops apply            # asks before writing
  npx cf-gitops apply --yes      # CI, scripts
  npx cf-gitops apply plan.json --yes
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

interface Sandbox {
  custom: CustomPolicies;
  timeoutMs: number | undefined;
}

function approver(io: CliIo, ctx: RunContext, yes: boolean, floor: string | undefined, sandbox: Sandbox, refusal: { reason?: Refusal }) {
  const gate = policyGate({ root: ctx.root, desired: ctx.desired, stack: ctx.stack, floor, ...sandbox }, (report, plan) => {
    io.stdout.write(renderText(plan));
    io.stdout.write(`\n${renderPolicyReport(report, "text")}`);
  });
  return async function approve(plan: Plan): Promise<boolean> {
    if (!(await gate(plan))) {
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

async function applySavedFile(io: CliIo, ctx: RunContext, file: string, approve: (plan: Plan) => Promise<boolean>): Promise<ApplyResult> {
  const saved = await readSavedPlan(resolve(io.cwd, file), file);
  checkSavedPlanTarget(saved, file, { stack: ctx.stack.name, engine: ctx.engineName });
  if (saved.plan.commit && ctx.commit && saved.plan.commit !== ctx.commit) {
    io.stderr.write(`warning: ${file} was made at commit ${saved.plan.commit.slice(0, 12)}; the checkout is at ${ctx.commit.slice(0, 12)}\n`);
  }
  io.stderr.write(`Applying the saved plan ${file} (fingerprint ${shortFingerprint(saved.plan)})\n`);
  return ctx.engine.applySaved(saved.plan, ctx.desired, { stack: ctx.stack, log: ctx.log, approve });
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, { stack: { type: "string" }, engine: { type: "string" }, "data-dir": { type: "string" }, yes: { type: "boolean", short: "y" }, ...policyFloorFlag, ...policyTimeoutFlag }, "apply");
  const [file, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`apply takes one saved plan, got ${positionals.length} arguments`, { hint: "cf-gitops apply [FILE]" });
  const timeoutMs = policyTimeoutMs(values["policy-timeout"]);
  // The custom policies' sandbox loads them while the plan reads Cloudflare; the gate uses it.
  const custom = openCustomPolicies(io.cwd, sandboxOptions(io.env, timeoutMs));
  try {
    return await applyGated(io, values, file, { custom, timeoutMs });
  } finally {
    custom.close();
  }
}

interface ApplyFlags {
  stack?: string | boolean | undefined;
  engine?: string | boolean | undefined;
  "data-dir"?: string | boolean | undefined;
  yes?: string | boolean | undefined;
  "policy-floor"?: string | boolean | undefined;
}

async function applyGated(io: CliIo, values: ApplyFlags, file: string | undefined, sandbox: Sandbox): Promise<number> {
  const ctx = await prepareRun(io, { stack: values.stack as string | undefined, engine: values.engine as string | undefined, dataDir: values["data-dir"] as string | undefined });
  if (typeof ctx === "number") return ctx;
  const refusal: { reason?: Refusal } = {};
  const approve = approver(io, ctx, values.yes === true, policyFloor(values, io), sandbox, refusal);
  const result =
    file === undefined
      ? await ctx.engine.apply(ctx.desired, { stack: ctx.stack, log: ctx.log, ...(ctx.commit && { commit: ctx.commit }), approve })
      : await applySavedFile(io, ctx, file, approve);
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
