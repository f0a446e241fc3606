// `npm run schemas`: writes schemas/{zone,service,stack}.schema.json from the kinds, for editors
// (yaml-language-server) and CI. A test keeps the committed files equal to this output.
import { writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { fileSchemas } from "../src/desired-state/file-schemas.ts";

export const schemasDir = resolve(dirname(fileURLToPath(import.meta.url)), "..", "schemas");

/** File name -> exact file contents. */
export function generatedSchemas(): Record<string, string> {
  return Object.fromEntries(Object.entries(fileSchemas).map(([name, schema]) => [`${name}.schema.json`, `${JSON.stringify(schema, null, 2)}\n`]));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const [name, text] of Object.entries(generatedSchemas())) {
    writeFileSync(resolve(schemasDir, name), text);
    process.stdout.write(`wrote schemas/${name}\n`);
  }
}
