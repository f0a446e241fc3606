// Prints a plan or drift report in the format asked for; stdout carries only the document.
import type { Diagnostic } from "../desired-state/types.ts";
import type { PolicyReport } from "../policy/types.ts";
import { planFingerprint } from "../plan/fingerprint.ts";
import { renderJson } from "../plan/render-json.ts";
import { renderMarkdown } from "../plan/render-markdown.ts";
import { renderText } from "../plan/render-text.ts";
import type { Plan } from "../plan/types.ts";
import { policyReportToJson, renderPolicyReport } from "../policy/index.ts";

export type PlanFormat = "text" | "json" | "markdown";
export const planFormats = ["text", "json", "markdown"] as const;

export function renderPlanOutput(
  plan: Plan,
  format: PlanFormat,
  options: { mode: "plan" | "drift"; policy?: PolicyReport; diagnostics?: Diagnostic[] },
): string {
  const diagnostics = [...(options.diagnostics ?? []), ...(options.policy?.diagnostics ?? [])];
  const policyJson = options.policy ? policyReportToJson(options.policy) : undefined;
  const fingerprint = options.mode === "plan" ? planFingerprint(plan) : undefined;
  if (format === "json") return renderJson(plan, { ...(policyJson && { policy: policyJson }), diagnostics, ...(fingerprint && { fingerprint }) });
  if (format === "markdown") {
    const title = options.mode === "drift" ? `Drift: ${plan.stack}` : `Plan: ${plan.stack}`;
    return `${renderMarkdown({ plan, ...(policyJson && { policy: policyJson }), diagnostics, ...(fingerprint && { fingerprint }) }, { mode: options.mode, title })}\n`;
  }
  const text = renderText(plan, { mode: options.mode });
  return options.policy ? `${text}\n${renderPolicyReport(options.policy, "text")}` : text;
}
