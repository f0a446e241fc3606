// `cf-gitops import --lists` (and any kind with files of its own that has an import hook): read the
// kind's live objects with its native adapter, write one file per object, keep the YAML comments of
// files it replaces, and refuse to overwrite without --force.
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { Document } from "yaml";
import type { FileImport, FilePlacement, ImportedFile, KindDefinition } from "../kinds/kind.ts";
import { kinds } from "../kinds/registry.ts";
import type { Resource } from "../plan/resources.ts";
import { ConfigError } from "../shared/errors.ts";
import { applyComments, collectComments } from "./import-comments.ts";
import { schemaPathFor } from "./import-schema-path.ts";
import { forceHint, keepCopies, uncommittedFiles } from "./init-keep-copy.ts";

export interface ImportableKind {
  kind: KindDefinition;
  placement: FilePlacement;
  hook: FileImport;
}

/** Kinds with files of their own that `import` can write, by flag (`lists`). */
export function importableKinds(): ImportableKind[] {
  return kinds.flatMap((kind) => {
    const placement = kind.placement as FilePlacement;
    return placement.scope === "file" && placement.import ? [{ kind, placement, hook: placement.import }] : [];
  });
}

export function ownFileText(placement: FilePlacement, file: ImportedFile, flag: string, previous?: string, today = new Date(), schemaPath = `../../schemas/${placement.file}.schema.json`): string {
  const header = [
    `# yaml-language-server: $schema=${schemaPath}`,
    `# Imported from Cloudflare by \`cf-gitops import --${flag}\` on ${today.toISOString().slice(0, 10)}.`,
  ];
  const document = new Document(file.doc);
  const itemKey = (key: string, item: unknown) => file.itemKey?.(key, item);
  if (previous !== undefined) applyComments(document, itemKey, collectComments(previous, itemKey));
  return `${header.join("\n")}\n${document.toString({ lineWidth: 0, indent: 2 })}`;
}

export interface WrittenFiles {
  lines: string[];
  written: Resource[];
}

/** Writes the files; refuses (writing nothing) when any exists and `force` is not set. */
export async function writeOwnFiles(target: ImportableKind, files: ImportedFile[], options: { outDir: string; cwd: string; force: boolean }): Promise<WrittenFiles> {
  const paths = files.map((file) => join(options.outDir, target.placement.folder, `${file.name}.yaml`));
  const shown = (path: string) => relative(options.cwd, path) || path;
  const existing = paths.filter((path) => existsSync(path));
  if (existing.length > 0 && !options.force) {
    throw new ConfigError(`${existing.map(shown).join(", ")} already exist${existing.length === 1 ? "s" : ""}`, { file: shown(existing[0]!), hint: `pass --force to overwrite (YAML comments on items that still exist are kept; ${forceHint})` });
  }
  const lines = await keepCopies(await uncommittedFiles(existing, options.cwd), options.cwd, options.cwd);
  for (const [index, file] of files.entries()) {
    const path = paths[index]!;
    const previous = existsSync(path) ? await readFile(path, "utf8") : undefined;
    await mkdir(join(options.outDir, target.placement.folder), { recursive: true });
    await writeFile(path, ownFileText(target.placement, file, target.hook.flag, previous, new Date(), schemaPathFor(path, target.placement.file, options.cwd)));
    lines.push(`wrote ${shown(path)}: ${file.summary}`);
  }
  if (files.length === 0) lines.push(`no ${target.kind.plural} in the account`);
  return { lines, written: files.flatMap((file) => file.written) };
}
