// Module hooks of the policy sandbox. Custom policies import `cf-gitops/policy`; they live in this
// repository, in a configuration repository that depends on cf-gitops, or in the daemon's checkout,
// where no node_modules/cf-gitops (or a different version) may be found: the import goes to the
// running cf-gitops, so a policy always sees the code that evaluates it. And the files under
// policies/ load as ES modules whatever the nearest package.json says: `npm init -y` writes
// "type": "commonjs", under which an `import` statement would not even parse.
import { readFileSync } from "node:fs";
import { registerHooks } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { siblingModule } from "../../shared/module-paths.ts";
import { strippedName } from "./stripped.ts";

export const publicSpecifier = "cf-gitops/policy";

const moduleFormats: Record<string, string> = { ".ts": "module-typescript", ".mts": "module-typescript", ".js": "module", ".mjs": "module" };

/** The JavaScript the trusted parent stripped from this TypeScript (stripped.ts), when it did. */
function cachedJavaScript(cacheDir: string | undefined, url: string): string | undefined {
  if (!cacheDir) return undefined;
  try {
    return readFileSync(join(cacheDir, strippedName(readFileSync(fileURLToPath(url)))), "utf8");
  } catch {
    return undefined;
  }
}

export function registerPolicyHooks(policiesDir: string, cacheDir?: string, publicModule: URL = siblingModule(import.meta.url, "../public")): void {
  const prefix = pathToFileURL(policiesDir.endsWith("/") ? policiesDir : `${policiesDir}/`).href;
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (specifier === publicSpecifier) return { url: publicModule.href, shortCircuit: true };
      return nextResolve(specifier, context);
    },
    load(url, context, nextLoad) {
      if (!url.startsWith(prefix)) return nextLoad(url, context);
      const path = url.split(/[?#]/)[0]!;
      const format = moduleFormats[path.slice(path.lastIndexOf("."))];
      const javascript = format === "module-typescript" ? cachedJavaScript(cacheDir, path) : undefined;
      if (javascript !== undefined) return { format: "module", source: javascript, shortCircuit: true };
      return nextLoad(url, format ? { ...context, format } : context);
    },
  });
}
