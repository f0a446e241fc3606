import type { Change } from "./types.ts";

export interface PlanSummary {
  create: number;
  update: number;
  delete: number;
  replace: number;
  import: number;
}

export function summarise(changes: Change[]): PlanSummary {
  const summary: PlanSummary = { create: 0, update: 0, delete: 0, replace: 0, import: 0 };
  for (const change of changes) summary[change.op]++;
  return summary;
}

export function summaryLine(summary: PlanSummary): string {
  const total = summary.create + summary.update + summary.delete + summary.replace + summary.import;
  if (total === 0) return "No changes. Cloudflare matches the desired state.";
  const parts = [`${summary.create} to create`, `${summary.update} to update`, `${summary.delete} to delete`];
  if (summary.replace) parts.push(`${summary.replace} to replace`);
  if (summary.import) parts.push(`${summary.import} to import`);
  return `Plan: ${parts.join(", ")}.`;
}
