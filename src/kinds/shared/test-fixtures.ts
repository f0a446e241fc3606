// Loads a desired state written in a test (file path -> YAML) from a temporary directory, for rule
// tests that check diagnostics with file, line and column.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { loadDesiredState } from "../../desired-state/load.ts";
import type { LoadResult } from "../../desired-state/types.ts";

export async function loadFiles(files: Record<string, string>): Promise<LoadResult> {
  const root = await mkdtemp(join(tmpdir(), "cf-gitops-kind-"));
  try {
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(root, "desired-state", path)), { recursive: true });
      await writeFile(join(root, "desired-state", path), text);
    }
    return await loadDesiredState("desired-state", { root });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** "line:column code message" of each diagnostic, for compact assertions. */
export function where(result: LoadResult): string[] {
  return result.diagnostics.map((d) => `${d.file.replace(/^desired-state\//, "")}:${d.line}:${d.column} ${d.severity} ${d.code}: ${d.message}`);
}
