// cf-gitops policy: evaluate the policies on the desired state (no credentials needed; runs in PRs).
import { loadDesiredState, loadStack } from "../desired-state/index.ts";
import type { StackConfig } from "../desired-state/types.ts";
import { policyReportFormats, renderPolicyReport, runPolicies, type PolicyReportFormat, type RunPoliciesInput } from "../policy/index.ts";
import { openCustomPolicies, sandboxOptions } from "../policy/sandbox/index.ts";
import { oneOf, parseFlags, policyTimeoutFlag, policyTimeoutHelp, policyTimeoutMs } from "./args.ts";
import type { CliIo } from "./io.ts";
import { policyFloor, policyFloorFlag, policyFloorHelp } from "./policy-floor.ts";
import { repositoryRoot } from "./repo-root.ts";

export const help = `cf-gitops policy: evaluate policies on the desired state

Usage: cf-gitops policy [--stack NAME] [--dir desired-state] [--format text|json|github|markdown] [--policy-floor FILE]
                        [--policy-timeout SECONDS]

Runs every built-in policy and every custom policy in policies/*.ts on the desired state, with the
levels, parameters and exemptions from policies/policy.yaml. Needs no credentials, so it runs in
pull requests. Plan policies (max-deletions, protected-records) need a plan: they run in
\`cf-gitops plan\`, \`cf-gitops apply\` and the daemon, and show here as skipped. Custom policies run
in a sandbox process: no environment, file reads only in policies/ and cf-gitops itself, a memory cap.

Flags:
  --stack NAME     stack file stacks/NAME.yaml (default: the only stack, else "default")
  --dir DIR        desired-state directory (default: the stack's desired_state.dir, else desired-state)
  --format FORMAT  text (default), json (every evaluated policy with its result),
                   github (::error/::warning annotations), markdown (a table for a PR comment)
${policyFloorHelp}
${policyTimeoutHelp}

Levels: mandatory violations fail the check; advisory ones are warnings; disabled policies do not run.
A policy's level is its entry in policies/policy.yaml, else the policy's own level, else the file's
default (the text output lists each policy's level and where it came from). A custom policy that
cannot load is an error unless policies/policy.yaml disables it.
Exit codes: 0 no mandatory violation, 1 a mandatory violation, invalid input or policy configuration.
Documentation: docs/policies.md
`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(argv, { stack: { type: "string" }, dir: { type: "string" }, format: { type: "string" }, ...policyFloorFlag, ...policyTimeoutFlag }, "policy");
  const format = oneOf(values.format, policyReportFormats, "format", "text");
  const timeoutMs = policyTimeoutMs(values["policy-timeout"]);
  const root = repositoryRoot(io);
  // The sandbox starts (and loads the custom policies) while the YAML loads.
  const custom = openCustomPolicies(root, sandboxOptions(io.env, timeoutMs));
  try {
    return await check(root, values, format, io, { custom, timeoutMs });
  } finally {
    custom.close();
  }
}

async function check(
  root: string, values: { stack?: string | undefined; dir?: string | undefined; "policy-floor"?: string | undefined }, format: PolicyReportFormat, io: CliIo,
  sandbox: Pick<RunPoliciesInput, "custom" | "timeoutMs">,
): Promise<number> {
  const loaded = await loadStack(root, values.stack);
  // Without --stack, a repository without stack files is still checked (the stack only narrows files).
  const stackProblems = values.stack === undefined && loaded.diagnostics.every((d) => d.code === "stack-missing") ? [] : loaded.diagnostics;
  const stack: StackConfig | undefined = loaded.stack;
  const dir = values.dir ?? stack?.desired_state.dir ?? "desired-state";
  const { state, diagnostics } = await loadDesiredState(dir, { root, ...(stack ? { stack } : {}) });
  const report = await runPolicies({ root, desired: state, ...(stack ? { stack } : {}), floor: policyFloor(values, io), ...sandbox });
  const inputProblems = [...stackProblems, ...diagnostics];
  report.diagnostics.unshift(...inputProblems);
  if (inputProblems.some((d) => d.severity === "error")) report.blocked = true;
  io.stdout.write(renderPolicyReport(report, format, { levels: true }));
  return report.blocked ? 1 : 0;
}
