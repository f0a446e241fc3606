// Module hooks of the policy sandbox. Custom policies import `cf-gitops/policy`; they live in this
// repository, in a configuration repository that depends on cf-gitops, or in the daemon's checkout,
// where no node_modules/cf-gitops (or a different version) may be found: the import goes to the
// running cf-gitops, so a policy always sees the code that evaluates it. And the files under
// policies/ load as ES modules whatever the nearest package.json says: `npm init -y` writes
// "type": "commonjs", under which an `import` statement would not even parse.
import { registerHooks } from "node:module";
import { pathToFileURL } from "node:url";
import { siblingModule } from "../../shared/module-paths.ts";

export const publicSpecifier = "cf-gitops/policy";

const moduleFormats: Record<string, string> = { ".ts": "module-typescript", ".mts": "module-typescript", ".js": "module", ".mjs": "module" };

export function registerPolicyHooks(policiesDir: string, publicModule: URL = siblingModule(import.meta.url, "../public")): void {
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
      return nextLoad(url, format ? { ...context, format } : context);
    },
  });
}
