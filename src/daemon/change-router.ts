// Which stacks a commit concerns: those whose stack file, desired-state files (their include
// patterns) or policies changed. The patterns are the ones the stack's last run read; a stack
// whose settings are not known yet (no run so far, or its file did not load) is always concerned.
import picomatch from "picomatch";
import type { StackConfig } from "../desired-state/types.ts";

function stackFiles(name: string): string[] {
  return [`stacks/${name}.yaml`, `stacks/${name}.yml`, `stacks/Pulumi.${name}.yaml`, `stacks/Pulumi.${name}.yml`];
}

/** True when any changed path (relative to the repository root, with "/") belongs to the stack. */
export function stackConcerned(name: string, config: Pick<StackConfig, "desired_state"> | undefined, changed: readonly string[]): boolean {
  if (!config) return true;
  const own = stackFiles(name);
  const trimmed = config.desired_state.dir.replace(/^(\.\/)+/, "").replace(/\/+$/, "");
  const dir = trimmed === "" || trimmed === "." ? "" : `${trimmed}/`;
  // The same matching as the loader's (src/desired-state/load.ts): YAML files, globs relative to the directory.
  const included = picomatch(config.desired_state.include, { dot: false });
  const desired = (path: string) => path.startsWith(dir) && /\.ya?ml$/i.test(path) && included(path.slice(dir.length));
  return changed.some((path) => own.includes(path) || path.startsWith("policies/") || desired(path));
}
