// Custom policies import `cf-gitops/policy`. They live in this repository, in a config repository
// that depends on cf-gitops, or in the clone the daemon keeps in its data directory, where no
// node_modules/cf-gitops (or a different version, or no dist/) may be found. A resolve hook sends
// that import to the running cf-gitops, so a policy always sees the code that evaluates it.
import { registerHooks } from "node:module";
import { siblingModule } from "../shared/module-paths.ts";

export const publicSpecifier = "cf-gitops/policy";

let registered = false;

/** Idempotent; registered only by the commands that load custom policies. */
export function resolvePolicyImportsToThisCopy(): void {
  if (registered) return;
  registered = true;
  const target = siblingModule(import.meta.url, "./public").href;
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (specifier === publicSpecifier) return { url: target, shortCircuit: true };
      return nextResolve(specifier, context);
    },
  });
}
