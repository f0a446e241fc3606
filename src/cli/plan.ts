// cf-gitops plan: what apply would change, with the policy report under it; --out saves the plan
// for `cf-gitops apply FILE`.
import { relative, resolve } from "node:path";
import { shortFingerprint } from "../plan/fingerprint.ts";
import { writeSavedPlan } from "../plan/saved.ts";
import { runPolicies, type RunPoliciesInput } from "../policy/index.ts";
import { openCustomPolicies, sandboxOptions } from "../policy/sandbox/index.ts";
import { oneOf, parseFlags, policyTimeoutFlag, policyTimeoutHelp, policyTimeoutMs } from "./args.ts";
import type { CliIo } from "./io.ts";
import { planFormats, renderPlanOutput } from "./plan-output.ts";
import { policyFloor, policyFloorFlag, policyFloorHelp } from "./policy-floor.ts";
import { prepareRun } from "./run-context.ts";

export const help = `Usage: cf-gitops plan [--stack NAME] [--engine native|pulumi] [--data-dir DIR] [--format text|json|markdown] [--detailed-exitcode] [--out FILE]
                      [--policy-floor FILE] [--policy-timeout SECONDS]

Show what \`cf-gitops apply\` would change in Cloudflare, and run the policies on that plan.
Nothing is written. Zones in desired-state/ that the account lacks make the plan fail, unless
the stack sets create_zones: true (then the plan creates them first).

Flags:
  --stack NAME          the stack (stacks/NAME.yaml; default: the only stack, else "default")
  --data-dir DIR        the pulumi engine's state (default: $CFGITOPS_DATA_DIR, else .cf-gitops)
  --engine ENGINE       native (Cloudflare API directly) or pulumi; default: the stack's engine
  --format FORMAT       text (default), json (one document on stdout), markdown (for PR comments)
  --detailed-exitcode   exit 2 when there are changes
  --out FILE            also save the plan to FILE, for \`cf-gitops apply FILE\` (which applies exactly
                        this plan, or refuses if Cloudflare changed since)
${policyFloorHelp}
${policyTimeoutHelp}
  -h, --help            show this help

Environment: CLOUDFLARE_API_TOKEN (required), CLOUDFLARE_BASE_URL (e.g. the emulator,
http://127.0.0.1:8787/client/v4), CLOUDFLARE_ACCOUNT_ID (when the token sees several accounts).

Exit codes: 0 no changes (or changes without --detailed-exitcode), 1 error, invalid input or a
mandatory policy failed, 2 changes (with --detailed-exitcode).

Examples:
  npx cf-gitops plan
  npx cf-gitops plan --format json --detailed-exitcode
  npx cf-gitops plan --out plan.json && npx cf-gitops apply plan.json
`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(
    argv,
    { stack: { type: "string" }, engine: { type: "string" }, "data-dir": { type: "string" }, format: { type: "string" }, "detailed-exitcode": { type: "boolean" }, out: { type: "string" }, ...policyFloorFlag, ...policyTimeoutFlag },
    "plan",
  );
  const format = oneOf(values.format as string | undefined, planFormats, "format", "text");
  const timeoutMs = policyTimeoutMs(values["policy-timeout"]);
  // The custom policies' sandbox starts now and loads them while the plan reads Cloudflare.
  const custom = openCustomPolicies(io.cwd, sandboxOptions(io.env, timeoutMs));
  try {
    return await planAndCheck(io, values, format, { custom, timeoutMs });
  } finally {
    custom.close();
  }
}

type PlanFormat = (typeof planFormats)[number];
interface PlanFlags {
  stack?: string | boolean | undefined;
  engine?: string | boolean | undefined;
  "data-dir"?: string | boolean | undefined;
  "detailed-exitcode"?: string | boolean | undefined;
  out?: string | boolean | undefined;
  "policy-floor"?: string | boolean | undefined;
}

async function planAndCheck(io: CliIo, values: PlanFlags, format: PlanFormat, sandbox: Pick<RunPoliciesInput, "custom" | "timeoutMs">): Promise<number> {
  const ctx = await prepareRun(io, { stack: values.stack as string | undefined, engine: values.engine as string | undefined, dataDir: values["data-dir"] as string | undefined, format });
  if (typeof ctx === "number") return ctx;
  const plan = await ctx.engine.plan(ctx.desired, { stack: ctx.stack, log: ctx.log, ...(ctx.commit && { commit: ctx.commit }) });
  const policy = await runPolicies({ root: ctx.root, desired: ctx.desired, stack: ctx.stack, plan, floor: policyFloor(values, io), ...sandbox });
  io.stdout.write(renderPlanOutput(plan, format, { mode: "plan", policy, diagnostics: ctx.diagnostics }));
  const out = values.out as string | undefined;
  if (out !== undefined) {
    const path = resolve(io.cwd, out);
    await writeSavedPlan(path, plan);
    io.stderr.write(`Plan saved to ${relative(io.cwd, path) || path} (fingerprint ${shortFingerprint(plan)}); apply it with: cf-gitops apply ${out}\n`);
  }
  if (policy.blocked) {
    io.stderr.write("error: a mandatory policy failed; apply would refuse this plan\n");
    return 1;
  }
  return values["detailed-exitcode"] && plan.changes.length > 0 ? 2 : 0;
}
