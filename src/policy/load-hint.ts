// What to tell the user when a custom policy cannot load. The usual cause of "Cannot use import
// statement outside a module" is not the policy but package.json: `npm init -y` writes
// "type": "commonjs", and Node then reads policies/*.ts as CommonJS (issue 23).
import { readFile } from "node:fs/promises";
import path from "node:path";

const moduleTypeErrors = /Cannot use import statement outside a module|Unexpected token 'export'|require is not defined in ES module scope|exports is not defined in ES module scope/;

/** The repository's package.json "type", or undefined when it has none (or no package.json). */
export async function packageType(root: string): Promise<string | undefined> {
  try {
    const manifest = JSON.parse(await readFile(path.join(root, "package.json"), "utf8")) as { type?: unknown };
    return typeof manifest.type === "string" ? manifest.type : undefined;
  } catch {
    return undefined;
  }
}

/** The hint for a load failure: package.json's "type" when that is the cause, else how to see the full error. */
export function loadFailureHint(file: string, message: string, type: string | undefined): string {
  if (moduleTypeErrors.test(message) && type !== "module") {
    const said = type === undefined ? "package.json has no \"type\"" : `package.json says "type": ${JSON.stringify(type)}`;
    return `the cause is package.json, not ${file}: ${said}, so Node loads ${file} as CommonJS. Set "type": "module" in package.json (\`npx cf-gitops init\` does; rename CommonJS .js files of your own to .cjs)`;
  }
  return `fix the file (run \`node_modules/.bin/node ${file}\` to see the full error), or remove it`;
}
