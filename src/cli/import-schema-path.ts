// The `$schema` path an imported file's editor comment points at: the schemas of the cf-gitops that
// is installed in the repository (node_modules/cf-gitops/schemas), or this checkout's own schemas/
// when cf-gitops runs from its own repository (issue 23: `../../schemas/` does not exist in a
// configuration repository).
import { existsSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { packageRoot } from "../shared/module-paths.ts";

/** The path from `file`'s folder to `<name>.schema.json`, as a YAML language server comment expects it. */
export function schemaPathFor(file: string, name: string, cwd: string): string {
  const installed = join(cwd, "node_modules", "cf-gitops", "schemas");
  const running = join(fileURLToPath(packageRoot), "schemas");
  const inside = !relative(cwd, running).startsWith("..");
  // Installed in the repository, or running from it (this checkout); else where `npm install` puts it.
  const schemas = existsSync(installed) || !inside ? installed : running;
  return relative(dirname(file), join(schemas, `${name}.schema.json`)).split(sep).join("/");
}

/** The header line that points editors at the schema. */
export function schemaComment(file: string, name: string, cwd: string): string {
  return `# yaml-language-server: $schema=${schemaPathFor(file, name, cwd)}`;
}
