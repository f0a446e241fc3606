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

/** Stack names in <root>/stacks (Pulumi's own Pulumi.*.yaml skipped); undefined without the folder. */
export async function stackNames(root: string): Promise<string[] | undefined> {
  try {
    const names = await readdir(resolve(root, "stacks"));
    return names.filter((name) => /\.ya?ml$/.test(name) && !/^Pulumi\./.test(name)).map((name) => name.replace(/\.ya?ml$/, "")).sort();
  } catch {
    return undefined;
  }
}

/** The requested stack, else the only one, else the one named "default". */
export function chooseStack(names: string[], requested?: string): string | undefined {
  return requested ?? (names.length === 1 ? names[0] : names.includes("default") ? "default" : undefined);
}
