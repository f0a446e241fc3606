// The two files a new configuration may share with an existing repository: package.json and
// .gitignore are merged (what is there is kept), never overwritten.
import { ConfigError } from "../shared/errors.ts";

export interface Merged {
  text: string;
  changed: boolean;
  /** What was changed that the user must know about (printed under the file's line). */
  notes?: string[];
}

/**
 * Adds what cf-gitops needs to package.json: ESM (custom policies use import), the dependency, and
 * npm's permission for the install scripts cf-gitops's dependencies need (the `node` package
 * installs the Node.js 24 binary in one), as cf-gitops's own package.json grants them.
 */
export function mergePackageJson(existing: string | undefined, options: { name: string; dependency: string; allowScripts?: Record<string, boolean>; replaceDependency?: string }): Merged {
  let manifest: Record<string, unknown>;
  try {
    manifest = existing === undefined ? {} : (JSON.parse(existing) as Record<string, unknown>);
  } catch (error) {
    throw new ConfigError("package.json is not valid JSON", { cause: error, file: "package.json", hint: "fix it, or move it away and run init again" });
  }
  const before = JSON.stringify(manifest);
  const notes: string[] = [];
  // Custom policies (policies/*.ts) are ES modules. `npm init -y` writes "type": "commonjs", under
  // which Node would load them as CommonJS and fail (ADR 30).
  if (manifest.type !== undefined && manifest.type !== "module") {
    notes.push(`"type": ${JSON.stringify(manifest.type)} is now "module": custom policies (policies/*.ts) are ES modules; rename CommonJS .js files of your own to .cjs`);
  }
  // What is added goes first, as npm init would place it; existing keys keep their order.
  manifest = { name: options.name, private: true, type: "module", ...manifest };
  manifest.type = "module";
  const dependencies = { ...(manifest.dependencies as Record<string, string> | undefined) };
  dependencies["cf-gitops"] = options.replaceDependency ?? dependencies["cf-gitops"] ?? options.dependency;
  manifest.dependencies = dependencies;
  if (options.allowScripts && Object.keys(options.allowScripts).length > 0) {
    manifest.allowScripts = { ...options.allowScripts, ...(manifest.allowScripts as Record<string, boolean> | undefined) };
  }
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  return { text, changed: JSON.stringify(manifest) !== before, ...(notes.length > 0 ? { notes } : {}) };
}

/** Appends the template's entries that .gitignore does not have yet. */
export function mergeGitignore(existing: string | undefined, template: string): Merged {
  if (existing === undefined) return { text: template, changed: true };
  const present = new Set(existing.split("\n").map((line) => line.trim()));
  const missing = template.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("#") && !present.has(line.trim()));
  if (missing.length === 0) return { text: existing, changed: false };
  return { text: `${existing}${existing.endsWith("\n") || existing === "" ? "" : "\n"}# cf-gitops\n${missing.join("\n")}\n`, changed: true };
}

/** A package name npm accepts, from a folder name. */
export function packageNameFor(folder: string): string {
  const name = folder.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[._-]+|-+$/g, "");
  return name || "cloudflare-config";
}
