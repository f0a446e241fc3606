// The YAML files of a desired-state directory, sorted, as paths relative to the repository root.
// Symbolic links are listed too: the reader follows one only to a regular file inside the
// repository, and reports any other (repository-file.ts), instead of skipping it silently.
import { readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";

export function toPosix(path: string): string {
  return sep === "/" ? path : path.split(sep).join("/");
}

export async function listYamlFiles(absDir: string): Promise<string[] | undefined> {
  let entries;
  try {
    entries = await readdir(absDir, { recursive: true, withFileTypes: true });
  } catch {
    return undefined;
  }
  return entries
    .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && /\.ya?ml$/i.test(entry.name))
    .map((entry) => toPosix(relative(absDir, join(entry.parentPath, entry.name))))
    .sort();
}
