// Plain-text views of history for the terminal. Repository text is stripped of control characters
// (a commit message must not be able to send escape sequences to the user's terminal).
import type { RunDetails, RunRecord } from "./types.ts";

function clean(text: string | undefined): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return (text ?? "").replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "?");
}

function firstLine(text: string | undefined): string {
  return clean(text).split("\n")[0] ?? "";
}

function duration(ms: number | undefined): string {
  if (ms === undefined) return "-";
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function when(iso: string): string {
  return iso.replace("T", " ").replace(/\.\d+Z$/, "");
}

function changes(run: RunRecord): string {
  const s = run.summary;
  return s ? `+${s.create} ~${s.update + s.replace} -${s.delete}` : "-";
}

export function renderRunList(runs: RunRecord[]): string {
  if (runs.length === 0) return "no runs recorded\n";
  const header = ["RUN", "STARTED (UTC)", "STACK", "KIND", "TRIGGER", "COMMIT", "RESULT", "DURATION", "CHANGES", "MESSAGE"];
  const rows = runs.map((run) => [
    `#${run.id}`, when(run.startedAt), clean(run.stack), run.kind, run.triggers.join(","), run.commit ? run.commit.slice(0, 7) : "-",
    run.result, duration(run.durationMs), changes(run), firstLine(run.message),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join("  ").trimEnd();
  const lines = [line(header)];
  for (const [index, row] of rows.entries()) {
    lines.push(line(row));
    const error = runs[index]?.error;
    if (error) lines.push(`      error: ${firstLine(error)}`);
  }
  return `${lines.join("\n")}\n`;
}

export function renderRunDetails(run: RunDetails): string {
  const lines = [
    `run #${run.id}: ${run.kind} of stack ${clean(run.stack)}, ${run.result}`,
    `  trigger:  ${run.triggers.join(", ")}`,
    `  commit:   ${run.commit ?? "-"}${run.branch ? ` (${clean(run.branch)})` : ""}`,
    `  author:   ${clean(run.author) || "-"}`,
    `  message:  ${firstLine(run.message) || "-"}`,
    `  started:  ${when(run.startedAt)} UTC, took ${duration(run.durationMs)}`,
  ];
  if (run.error) lines.push(`  error:    ${clean(run.error)}`);
  for (const d of run.diagnostics as { file?: string; line?: number; column?: number; message?: string }[]) {
    lines.push(`  diagnostic: ${clean(d.file ?? "")}:${d.line ?? "?"}:${d.column ?? "?"}: ${clean(d.message ?? JSON.stringify(d))}`);
  }
  if (run.changes.length > 0) lines.push("changes:", ...run.changes.map((c) => `  ${c.op.padEnd(7)} ${clean(c.id)} [${c.fields.join(", ")}]${c.outcome ? ` ${c.outcome}` : ""}${c.error ? `: ${clean(c.error)}` : ""}`));
  if (run.drift.length > 0) lines.push("drift:", ...run.drift.map((d) => `  ${d.op.padEnd(7)} ${clean(d.id)} [${d.fields.join(", ")}]`));
  if (run.policy.length > 0) lines.push("policy:", ...run.policy.map((p) => `  ${p.status.padEnd(7)} ${clean(p.policy)} (${p.level})${p.message ? `: ${clean(p.message)}` : ""}`));
  return `${lines.join("\n")}\n`;
}
