// Which stack files exist and which one applies, without parsing any of them: the daemon's
// long-lived process needs this much and no more (the parsing happens in each run's process).
import { readdir } from "node:fs/promises";
import { resolve } from "node:path";

export const stackDefaults = {
  engine: "pulumi",
  dns_batch_size: 200,
  poll_interval: 60,
  drift_schedule: "*/15 * * * *",
  drift_remediation: "report",
  include: ["**/*.yaml", "**/*.yml"],
} as const;

/** Stack names from the file names in stacks/ (Pulumi's own Pulumi.*.yaml skipped), sorted. */
export function stackNamesFrom(fileNames: readonly string[]): string[] {
  return fileNames.filter((name) => /\.ya?ml$/.test(name) && !/^Pulumi\./.test(name)).map((name) => name.replace(/\.ya?ml$/, "")).sort();
}

/** Stack names in <root>/stacks; undefined without the folder. */
export async function stackNames(root: string): Promise<string[] | undefined> {
  try {
    return stackNamesFrom(await readdir(resolve(root, "stacks")));
  } catch {
    return undefined;
  }
}

/**
 * The variable a stack file names in `api_token_env` (a top-level key), read without parsing the
 * file: the daemon needs this much to hand a run its token, and parses nothing itself. A file that
 * spells it otherwise (flow style) gets the variable's absence reported by its run.
 */
export function tokenEnvIn(stackFileText: string): string | undefined {
  return /^api_token_env:[ \t]*(["']?)([A-Za-z_][A-Za-z0-9_]*)\1[ \t]*(?:#.*)?$/m.exec(stackFileText)?.[2];
}

/** The requested stack, else the only one, else the one named "default". */
export function chooseStack(names: string[], requested?: string): string | undefined {
  return requested ?? (names.length === 1 ? names[0] : names.includes("default") ? "default" : undefined);
}
