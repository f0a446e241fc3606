// What a workflow needs to know about the stacks before it plans: their names (for a matrix) and
// which engine each uses (to install the pulumi CLI only when needed).
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { ConfigError } from "../shared/errors.ts";

export interface StackOutputs {
  stacks: string[];
  /** Absent when no name was asked for and no single or default stack exists. */
  stack?: string;
  engine?: "native" | "pulumi";
}

export async function readStackOutputs(root: string, name?: string): Promise<StackOutputs> {
  const dir = join(root, "stacks");
  const files = await readdir(dir).catch(() => [] as string[]);
  // Pulumi.<stack>.yaml files in stacks/ hold Pulumi's own settings, not ours.
  const stacks = files.filter((file) => /\.ya?ml$/.test(file) && !file.startsWith("Pulumi.")).map((file) => file.replace(/\.ya?ml$/, "")).sort();
  const chosen = name ?? (stacks.length === 1 ? stacks[0] : stacks.includes("default") ? "default" : undefined);
  if (name === undefined && chosen === undefined) return { stacks };
  if (chosen === undefined || !stacks.includes(chosen)) {
    const known = stacks.length > 0 ? stacks.join(", ") : "none";
    throw new ConfigError(name ? `no stack "${name}" in stacks/ (found: ${known})` : `cannot choose a stack: found ${known}`, {
      hint: "pass --stack NAME, or name one stack file stacks/default.yaml",
    });
  }
  const file = files.find((candidate) => candidate === `${chosen}.yaml` || candidate === `${chosen}.yml`) ?? `${chosen}.yaml`;
  try {
    return { stacks, stack: chosen, engine: await readEngine(join(dir, file), `stacks/${file}`) };
  } catch (error) {
    // Listing (no name asked for) must still work when a stack file is broken; validate reports it.
    if (name === undefined) return { stacks };
    throw error;
  }
}

async function readEngine(path: string, relative: string): Promise<"native" | "pulumi"> {
  let document: unknown;
  try {
    document = parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new ConfigError(`${relative} cannot be read as YAML: ${(error as Error).message}`, { file: relative, cause: error, hint: "run: cf-gitops validate" });
  }
  const engine = document !== null && typeof document === "object" ? (document as Record<string, unknown>).engine : undefined;
  if (engine === undefined) return "pulumi"; // the documented default
  if (engine === "native" || engine === "pulumi") return engine;
  throw new ConfigError(`${relative}: engine must be native or pulumi; got ${JSON.stringify(engine)}`, { file: relative });
}
