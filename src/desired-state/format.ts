// Diagnostics for people (compiler style, with the source line and a caret), for programs (JSON)
// and for GitHub Actions (workflow commands, shown inline in pull-request diffs).
import { resolve } from "node:path";
import type { Diagnostic } from "./types.ts";
import { limits } from "./limits.ts";
import { readRepositoryFileSync } from "./repository-file.ts";

export type DiagnosticFormat = "text" | "json" | "github";

function sourceLines(root: string): (file: string) => string[] | undefined {
  const cache = new Map<string, string[] | undefined>();
  return (file) => {
    if (!cache.has(file)) {
      // Only a regular file of the repository, within the size limit: never a link out of it, never /dev/zero.
      const bytes = readRepositoryFileSync(resolve(root, file), root, limits.maxFileBytes);
      cache.set(file, bytes === undefined ? undefined : new TextDecoder().decode(bytes).split(/\r?\n/));
    }
    return cache.get(file);
  };
}

/** Long lines are cut around the column so the caret stays visible. */
function excerpt(line: string, column: number): { text: string; caret: number } {
  const clean = line.replace(/\t/g, " ");
  if (clean.length <= 120) return { text: clean, caret: column };
  const start = Math.max(0, column - 60);
  return { text: `${start > 0 ? "…" : ""}${clean.slice(start, start + 120)}…`, caret: column - start + (start > 0 ? 1 : 0) };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function formatText(diagnostics: Diagnostic[], root: string): string {
  const lines = sourceLines(root);
  const out: string[] = [];
  for (const d of diagnostics) {
    out.push(`${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}`);
    const source = lines(d.file)?.[d.line - 1];
    if (source !== undefined && source.trim() !== "") {
      const { text, caret } = excerpt(source, d.column);
      const gutter = String(d.line).length;
      out.push(`  ${d.line} | ${text}`, `  ${" ".repeat(gutter)} | ${" ".repeat(Math.max(0, caret - 1))}^`);
    }
    if (d.hint) out.push(`  hint: ${d.hint}`);
    out.push("");
  }
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const files = new Set(diagnostics.map((d) => d.file)).size;
  if (diagnostics.length > 0) out.push(`${plural(errors, "error")}, ${plural(diagnostics.length - errors, "warning")} in ${plural(files, "file")}`);
  return out.length ? `${out.join("\n")}\n` : "";
}

const escapeData = (text: string) => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");

function formatGithub(diagnostics: Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const message = `${d.message}${d.hint ? `\nhint: ${d.hint}` : ""}`;
      return `::${d.severity} file=${escapeProperty(d.file)},line=${d.line},col=${d.column},title=${escapeProperty(d.code)}::${escapeData(message)}\n`;
    })
    .join("");
}

export function formatDiagnostics(diagnostics: Diagnostic[], format: DiagnosticFormat, options: { root?: string } = {}): string {
  if (format === "json") return `${JSON.stringify({ diagnostics }, null, 2)}\n`;
  if (format === "github") return formatGithub(diagnostics);
  return formatText(diagnostics, options.root ?? process.cwd());
}
