// Custom policies: TypeScript modules in <root>/policies/*.ts. They run only in the policy sandbox
// (src/policy/sandbox-child.ts), which imports them as they are (Node strips types; <root> is
// never under node_modules), with `cf-gitops/policy` resolved to the running copy (sandbox/hooks.ts).
// A module that fails to load, or exports something that is not a policy, becomes a failure naming
// its file; the other policies still run.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Diagnostic } from "../desired-state/types.ts";
import { policyShapeProblem } from "./define-policy.ts";
import type { AnyPolicy } from "./types.ts";

export interface CustomPolicy {
  policy: AnyPolicy;
  file: string; // relative to the root
}

export interface CustomLoadFailure {
  /** The id the file is assumed to define (its base name), used to look up its level. */
  id: string;
  file: string;
  message: string;
  line: number;
  column: number;
}

/** The policy files (names, sorted) in a policies folder, or none. */
export async function policyFileNames(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((n) => n.endsWith(".ts") && !n.endsWith(".test.ts") && !n.endsWith(".d.ts")).sort();
  } catch {
    return [];
  }
}

/** The id a file is assumed to define: its base name. */
export function assumedId(name: string): string {
  return name.replace(/\.ts$/, "");
}

function errorLocation(error: unknown, absolute: string): { line: number; column: number } {
  const text = error instanceof Error ? `${error.message}\n${error.stack ?? ""}` : String(error);
  const escaped = absolute.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`${escaped}(?:\\?[^:\\s]*)?:(\\d+)(?::(\\d+))?`).exec(text);
  return { line: match ? Number(match[1]) : 1, column: match?.[2] ? Number(match[2]) : 1 };
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return message.split("\n")[0] ?? message;
}

/** Imports every policy file of <policiesDir> (in the sandbox). */
export async function loadCustomPolicies(policiesDir: string): Promise<{ policies: CustomPolicy[]; failures: CustomLoadFailure[] }> {
  const policies: CustomPolicy[] = [];
  const failures: CustomLoadFailure[] = [];
  for (const name of await policyFileNames(policiesDir)) {
    const absolute = path.join(policiesDir, name);
    const file = `policies/${name}`;
    const id = assumedId(name);
    let exports: Record<string, unknown>;
    try {
      exports = (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
    } catch (error) {
      failures.push({ id, file, message: `cannot load custom policy: ${firstLine(error)}`, ...errorLocation(error, absolute) });
      continue;
    }
    const candidates = Object.entries(exports).filter(([, value]) => typeof value === "object" && value !== null && "id" in value);
    for (const [exportName, value] of candidates) {
      const problem = policyShapeProblem(value);
      if (problem) failures.push({ id, file, message: `export ${exportName} is not a valid policy: ${problem}`, line: 1, column: 1 });
      else policies.push({ policy: value as AnyPolicy, file });
    }
    if (candidates.length === 0) {
      failures.push({ id, file, message: "exports no policy; export one built with definePolicy() (export const policy = definePolicy({...}))", line: 1, column: 1 });
    }
  }
  return { policies, failures };
}

export function failureDiagnostic(failure: CustomLoadFailure, severity: Diagnostic["severity"]): Diagnostic {
  return {
    file: failure.file, line: failure.line, column: failure.column, severity, code: "policy-load-error", message: failure.message,
    hint: `fix the file (run \`node_modules/.bin/node ${failure.file}\` to see the full error), or remove it`,
  };
}
