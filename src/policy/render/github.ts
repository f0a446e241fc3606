// GitHub Actions workflow commands: annotations on the offending YAML lines.
import type { PolicyReport } from "../types.ts";
import { verdict } from "./summary.ts";

function escapeData(text: string): string {
  return text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
}

function command(kind: "error" | "warning" | "notice", at: { file?: string; line?: number; column?: number }, title: string, message: string): string {
  const props = [
    ...(at.file ? [`file=${escapeProperty(at.file)}`] : []),
    ...(at.line ? [`line=${at.line}`] : []),
    ...(at.column ? [`col=${at.column}`] : []),
    `title=${escapeProperty(title)}`,
  ];
  return `::${kind} ${props.join(",")}::${escapeData(message)}`;
}

export function renderGithub(report: PolicyReport): string {
  const lines: string[] = [];
  for (const v of report.violations) {
    lines.push(command(v.level === "mandatory" ? "error" : "warning", v, `policy ${v.policy}`, `${v.message} (${v.resource}). Fix: ${v.remediation}`));
  }
  for (const d of report.diagnostics) {
    lines.push(command(d.severity, d, d.code, d.hint ? `${d.message}. ${d.hint}` : d.message));
  }
  lines.push(verdict(report));
  return `${lines.join("\n")}\n`;
}
