// Writes schemas/policy.schema.json: `node_modules/.bin/node src/policy/write-schema.ts`.
import { writeFile } from "node:fs/promises";
import { renderPolicyConfigSchema } from "./config-schema.ts";

export const policySchemaPath = "schemas/policy.schema.json";

export async function writePolicySchema(root: string): Promise<void> {
  await writeFile(`${root}/${policySchemaPath}`, renderPolicyConfigSchema());
}

if (import.meta.main) await writePolicySchema(process.cwd());
