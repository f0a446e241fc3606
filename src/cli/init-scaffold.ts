// What `cf-gitops init` writes, as paths and contents, before anything touches the disk. The
// templates ship with the package (templates/init/, and the product's own example policy).
import { readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { packageRoot } from "../shared/module-paths.ts";
import { initialPolicyConfig } from "./init-policy-config.ts";

export const examplePolicyId = "no-wildcard-records";

/** The files a configuration repository gets (package.json and .gitignore are merged separately). */
export interface ScaffoldFile {
  path: string;
  text: string;
}

async function template(name: string): Promise<string> {
  return readFile(new URL(`templates/init/${name}`, packageRoot), "utf8");
}

export function zoneFilePath(zone: string): string {
  return `desired-state/zones/${zone}.yaml`;
}

/**
 * `zones`: a file per zone (commented skeletons), or the example zone when empty and `example` is
 * set (a new repository); `imported` zones are written by import.
 */
export async function scaffoldFiles(options: { zones: string[]; imported: boolean; example?: boolean }): Promise<ScaffoldFile[]> {
  const files: ScaffoldFile[] = [{ path: "stacks/default.yaml", text: await template("stack.yaml") }];
  if (options.zones.length === 0) {
    if (options.example !== false) files.push({ path: zoneFilePath("example.com"), text: await template("zone.example.yaml") });
  } else if (!options.imported) {
    const skeleton = await template("zone.yaml");
    for (const zone of options.zones) files.push({ path: zoneFilePath(zone), text: skeleton.replaceAll("{{zone}}", zone) });
  }
  return [...files, ...(await commonFiles())];
}

async function commonFiles(): Promise<ScaffoldFile[]> {
  return [
    { path: "policies/policy.yaml", text: initialPolicyConfig(examplePolicyId) },
    { path: `policies/${examplePolicyId}.ts`, text: await readFile(new URL(`policies/${examplePolicyId}.ts`, packageRoot), "utf8") },
    { path: ".github/workflows/preview.yml", text: await template("workflows/preview.yml") },
    { path: ".github/workflows/drift.yml", text: await template("workflows/drift.yml") },
  ];
}

/** A configuration repository already: it has a stack file. init then adds what is missing and keeps the rest. */
export function isConfigRepository(dir: string): boolean {
  try {
    return readdirSync(join(dir, "stacks")).some((name) => name.endsWith(".yaml"));
  } catch {
    return false;
  }
}

export function gitignoreTemplate(): Promise<string> {
  return template("gitignore");
}
