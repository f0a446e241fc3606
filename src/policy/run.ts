// runPolicies: config + built-in and custom policies -> one report. Never throws on user input.
import { lstat } from "node:fs/promises";
import path from "node:path";
import { limits } from "../desired-state/limits.ts";
import { readRepositoryFile } from "../desired-state/repository-file.ts";
import type { DesiredState, Diagnostic, SourceLocation, StackConfig } from "../desired-state/types.ts";
import type { Plan } from "../plan/types.ts";
import { configuredLevel, interpretPolicyConfig, policyConfigFile } from "./config.ts";
import { failureDiagnostic } from "./custom.ts";
import { evaluatePolicy } from "./evaluate.ts";
import { atLeast, checkDefault, exemptionsUnderFloor, floorLevel, loadPolicyFloor, settle, type PolicySource } from "./floor.ts";
import { loadFailureHint, packageType } from "./load-hint.ts";
import { resolveParams } from "./params.ts";
import { builtinPolicies } from "./registry.ts";
import { defaultPolicyTimeoutMs, openCustomPolicies, type CustomPolicies, type CustomSet } from "./sandbox/index.ts";
import type { AnyPolicy, PolicyReport, PolicyResult } from "./types.ts";
import { parseYamlSource } from "./yaml-source.ts";
import { compareText } from "../shared/compare-text.ts";

export interface RunPoliciesInput {
  root: string;
  desired: DesiredState;
  stack?: StackConfig;
  plan?: Plan;
  now?: Date;
  /** The policy floor's absolute path (--policy-floor, CFGITOPS_POLICY_FLOOR); floor.ts. */
  floor?: string | undefined;
  /** The repository's custom policies, already opened (the caller closes them); else opened and closed here. */
  custom?: CustomPolicies | undefined;
  /** The policy timeout: a custom policy still running after it is stopped. Default 30 s. */
  timeoutMs?: number | undefined;
}

/** policies/policy.yaml, read as every repository file is: a regular file inside it, within the size limit. */
async function readConfigText(root: string, diagnostics: Diagnostic[]): Promise<string | undefined> {
  const file = path.join(root, policyConfigFile);
  if (!(await lstat(file).catch(() => undefined))) return undefined;
  const read = await readRepositoryFile(file, root, limits.maxFileBytes);
  if (read.ok) return read.bytes.toString("utf8");
  const reason = read.code === "file-unreadable" ? read.message.replace(/^cannot read the file: /, "") : read.message.replace(/^the file /, "it ");
  diagnostics.push({ file: policyConfigFile, line: 1, column: 1, severity: "error", code: "policy-config-unreadable", message: `cannot read ${policyConfigFile}: ${reason}`, hint: "make it a readable YAML file, or remove it to use the defaults" });
  return undefined;
}

const levelOrder = { mandatory: 0, advisory: 1, disabled: 2 };

export async function runPolicies(input: RunPoliciesInput): Promise<PolicyReport> {
  const timeoutMs = input.timeoutMs ?? defaultPolicyTimeoutMs;
  const source = input.custom ?? openCustomPolicies(input.root, { timeoutMs });
  const endWindow = source.window(timeoutMs);
  try {
    return await evaluateAll(input, await source.load());
  } finally {
    endWindow();
    if (!input.custom) source.close();
  }
}

async function evaluateAll(input: RunPoliciesInput, custom: CustomSet): Promise<PolicyReport> {
  const now = input.now ?? new Date();
  const diagnostics: Diagnostic[] = [];
  const all: { policy: AnyPolicy; origin: string }[] = builtinPolicies.map((policy) => ({ policy, origin: "builtin" }));
  for (const entry of custom.policies) {
    const clash = all.find((p) => p.policy.id === entry.policy.id);
    if (clash) {
      diagnostics.push({ file: entry.file, line: 1, column: 1, severity: "error", code: "policy-duplicate-id", message: `policy id "${entry.policy.id}" is already defined by ${clash.origin}`, hint: "give the custom policy another id" });
    } else all.push({ policy: entry.policy, origin: entry.file });
  }
  const known = new Map(all.map((p) => [p.policy.id, p.policy]));
  // A policy that did not load is still a known id in policy.yaml (its params cannot be checked).
  for (const failure of custom.failures) if (!known.has(failure.id)) known.set(failure.id, { id: failure.id, description: failure.file, paramsSchema: {} });
  const text = await readConfigText(input.root, diagnostics);
  const { config, diagnostics: configDiagnostics } = interpretPolicyConfig(text, known, now);
  diagnostics.push(...configDiagnostics);
  const locate = text === undefined ? undefined : parseYamlSource(text, policyConfigFile).source;
  const repo: PolicySource = { file: policyConfigFile, config, locate };
  let floor: PolicySource | undefined;
  if (input.floor !== undefined) {
    const loaded = await loadPolicyFloor(input.floor, known, now, input.root);
    floor = loaded.floor;
    diagnostics.push(...loaded.diagnostics);
  }
  const warn = (diagnostic: Diagnostic): void => void diagnostics.push(diagnostic);
  checkDefault(repo, floor, warn);
  const refusedExemptions: { policy: string; text: string }[] = [];
  const exemptions = exemptionsUnderFloor(repo, floor, warn, refusedExemptions);

  const results: PolicyResult[] = [];
  const type = custom.failures.length > 0 ? await packageType(input.root) : undefined;
  for (const failure of custom.failures) {
    // Its own level cannot be read, and its code is broken: an error whatever policy.yaml's level,
    // unless policy.yaml disables it (ADR 28).
    const entry = config.policies.get(failure.id)?.level !== undefined ? configuredLevel(config, { id: failure.id }, locate) : undefined;
    const unraised = entry ?? { level: "mandatory" as const, levelFrom: { from: "unloaded" as const, file: failure.file } };
    const level = atLeast(unraised.level, floorLevel(floor, failure.id));
    const levelFrom = level === unraised.level ? unraised.levelFrom : { from: "floor" as const, ...(floor ? { file: floor.file } : {}) };
    if (level !== "disabled") diagnostics.push({ ...failureDiagnostic(failure, "error"), hint: loadFailureHint(failure.file, failure.message, type) });
    results.push({ id: failure.id, description: `custom policy in ${failure.file}`, level, levelFrom, status: level === "disabled" ? "disabled" : "error", violations: 0, exempted: 0, origin: failure.file, note: failure.message });
  }
  const report: PolicyReport = { results, violations: [], exempted: [], diagnostics, blocked: false, ...(floor ? { floor: { file: floor.file } } : {}) };
  const ctx = { desired: input.desired, now, ...(input.stack ? { stack: input.stack } : {}), ...(input.plan ? { plan: input.plan } : {}) };
  for (const { policy, origin } of all) {
    const setting = config.policies.get(policy.id);
    const defaults = resolveParams(policy, {});
    const settled = settle(policy, repo, floor, warn);
    const fallback: SourceLocation = { file: origin === "builtin" ? `src/policy/builtin/${policy.id}.ts` : origin, line: 1, column: 1 };
    const evaluation = await evaluatePolicy({
      policy, origin, level: settled.level, params: settled.params, ctx, exemptions,
      errorSource: setting && locate ? locate.keyAt(["policies", policy.id]) : fallback,
    });
    evaluation.result.levelFrom = settled.levelFrom.from === "policy" && origin !== "builtin" ? { ...settled.levelFrom, file: origin } : settled.levelFrom;
    if (settled.floor) {
      const refused = [...(settled.floor.refused ?? []), ...refusedExemptions.filter((e) => e.policy === policy.id).map((e) => e.text)];
      evaluation.result.floor = { ...settled.floor, ...(refused.length > 0 ? { refused } : {}) };
    }
    if (!setting && !defaults.ok && evaluation.result.status === "error") {
      diagnostics.push({ ...fallback, severity: "error", code: "policy-config-bad-params", message: `policy ${policy.id} needs params: ${defaults.problems.map((p) => p.message).join("; ")}`, hint: `set policies.${policy.id}.params in ${policyConfigFile}` });
    }
    results.push(evaluation.result);
    report.violations.push(...evaluation.violations);
    report.exempted.push(...evaluation.exempted);
    diagnostics.push(...evaluation.diagnostics);
  }
  report.violations.sort((a, b) => levelOrder[a.level] - levelOrder[b.level] || compareText(a.file ?? "", b.file ?? "") || (a.line ?? 0) - (b.line ?? 0));
  report.blocked =
    report.violations.some((v) => v.level === "mandatory") ||
    results.some((r) => r.status === "error" && r.level === "mandatory") ||
    diagnostics.some((d) => d.severity === "error");
  return report;
}
