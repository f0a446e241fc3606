// `npm run schemas`: writes schemas/{zone,profile,service,list,stack}.schema.json from the kinds, for editors
// (yaml-language-server) and CI, and the docs' tables that list every kind (or emulator family),
// between their markers. Tests keep the committed files equal to this output.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { fileSchemas } from "../src/desired-state/file-schemas.ts";
import { familyRoutesTable } from "../src/emulator/families/doc-table.ts";
import { kindDocTables, withTable, type DocTable } from "../src/kinds/doc-tables.ts";

export const schemasDir = resolve(dirname(fileURLToPath(import.meta.url)), "..", "schemas");

/** File name -> exact file contents. */
export function generatedSchemas(): Record<string, string> {
  return Object.fromEntries(Object.entries(fileSchemas).map(([name, schema]) => [`${name}.schema.json`, `${JSON.stringify(schema, null, 2)}\n`]));
}

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Every generated table: the kinds' (src/kinds/doc-tables.ts) and the emulator's routes. */
export function docTables(): DocTable[] {
  return [...kindDocTables(), { file: "docs/emulator.md", name: "emulator-routes", markdown: familyRoutesTable() }];
}

/** File (from the root) -> its text with every generated table current. */
export function generatedDocs(root = repoRoot): Record<string, string> {
  const out: Record<string, string> = {};
  for (const generated of docTables()) {
    const text = out[generated.file] ?? readFileSync(resolve(root, generated.file), "utf8");
    const next = withTable(text, generated);
    if (next === undefined) throw new Error(`${generated.file} has no markers for the generated table "${generated.name}"`);
    out[generated.file] = next;
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const [name, text] of Object.entries(generatedSchemas())) {
    writeFileSync(resolve(schemasDir, name), text);
    process.stdout.write(`wrote schemas/${name}\n`);
  }
  for (const [file, text] of Object.entries(generatedDocs())) {
    writeFileSync(resolve(repoRoot, file), text);
    process.stdout.write(`wrote the generated tables of ${file}\n`);
  }
}
