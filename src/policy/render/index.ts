import type { PolicyReport } from "../types.ts";
import { renderGithub } from "./github.ts";
import { policyReportToJson } from "./json.ts";
import { renderMarkdown } from "./markdown.ts";
import { renderText } from "./text.ts";

export type PolicyReportFormat = "text" | "json" | "github" | "markdown";
export const policyReportFormats: readonly PolicyReportFormat[] = ["text", "json", "github", "markdown"];

/** `levels` (text only): also list each policy's level and where it came from. */
export function renderPolicyReport(report: PolicyReport, format: PolicyReportFormat, options: { levels?: boolean } = {}): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(policyReportToJson(report), null, 2)}\n`;
    case "github":
      return renderGithub(report);
    case "markdown":
      return renderMarkdown(report);
    default:
      return renderText(report, options);
  }
}
