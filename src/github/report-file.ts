// Reads the JSON document `cf-gitops plan|drift --format json` writes, checking only what the
// GitHub commands rely on, so a newer producer with extra fields still works.
import { readFile } from "node:fs/promises";
import type { Diagnostic } from "../desired-state/types.ts";
import type { MarkdownReport } from "../plan/render-markdown.ts";
import type { Change, Plan } from "../plan/types.ts";
import { CfGitopsError } from "../shared/errors.ts";

export interface ReportFile extends MarkdownReport {
  diagnostics: Diagnostic[];
  /** Error diagnostics: the run did not get as far as a trustworthy plan. */
  errors: number;
}

export class ReportFileError extends CfGitopsError {
  override name = "ReportFileError";
}

/** `shown` is the path as the user wrote it, for messages. */
export async function readReportFile(path: string, producer: "plan" | "drift", shown = path): Promise<ReportFile> {
  const hint = `write it with: cf-gitops ${producer} --format json > ${shown}`;
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new ReportFileError(`cannot read ${shown}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { hint, cause: error });
  }
  if (text.trim() === "") throw new ReportFileError(`${shown} is empty: the ${producer} step wrote nothing`, { hint: `see the ${producer} step's log; ${hint}` });
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new ReportFileError(`${shown} is not JSON: ${(error as Error).message}`, { hint, cause: error });
  }
  return toReport(document, shown, hint);
}

/** The JSON of `plan|drift --format json`, or a saved plan (`plan --out`). */
function toReport(document: unknown, path: string, hint: string): ReportFile {
  const top = isRecord(document) ? document : {};
  const saved = top.format === "cf-gitops/plan" && isRecord(top.plan);
  const doc = saved ? (top.plan as Record<string, unknown>) : top;
  const problems: string[] = [];
  if (typeof doc.stack !== "string") problems.push('"stack" (a string)');
  if (!Array.isArray(doc.changes)) problems.push('"changes" (an array)');
  if (problems.length > 0) throw new ReportFileError(`${path} is not a cf-gitops ${hint.includes("drift") ? "drift" : "plan"} document: missing ${problems.join(" and ")}`, { hint });
  const changes = (doc.changes as unknown[]).filter(isChange);
  const skipped = (doc.changes as unknown[]).length - changes.length;
  if (skipped > 0) throw new ReportFileError(`${path}: ${skipped} entries of "changes" lack kind, id or op`, { hint });
  const diagnostics = Array.isArray(doc.diagnostics) ? (doc.diagnostics.filter(isRecord) as unknown as Diagnostic[]) : [];
  const plan: Plan = {
    stack: doc.stack as string,
    engine: doc.engine === "pulumi" ? "pulumi" : "native",
    changes,
    ...(typeof doc.commit === "string" ? { commit: doc.commit } : {}),
    ...(Array.isArray(doc.warnings) ? { warnings: doc.warnings.map(String) } : {}),
    ...(isRecord(doc.attribution) && typeof doc.attribution.source === "string" ? { attribution: doc.attribution as unknown as NonNullable<Plan["attribution"]> } : {}),
  };
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const fingerprint = saved ? top.fingerprint : doc.fingerprint;
  return { plan, diagnostics, errors, ...(doc.policy !== undefined ? { policy: doc.policy } : {}), ...(typeof fingerprint === "string" && { fingerprint }) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isChange(value: unknown): value is Change {
  return isRecord(value) && typeof value.kind === "string" && typeof value.id === "string" && typeof value.op === "string" && (value.fields === undefined || Array.isArray(value.fields));
}
