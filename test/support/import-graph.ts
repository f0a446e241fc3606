// The static import graph of src/ (import and export-from declarations, type-only ones included;
// dynamic import() is left out on purpose: it is how heavy modules are loaded lazily).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

export interface ImportGraph {
  /** Repository-relative file -> the relative files and package names it imports. */
  edges: Map<string, { files: string[]; packages: string[] }>;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

function specifiers(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false);
  return source.statements.flatMap((statement) => {
    if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      return [statement.moduleSpecifier.text];
    }
    return [];
  });
}

export function importGraph(root: string, dir = "src"): ImportGraph {
  const edges: ImportGraph["edges"] = new Map();
  for (const absolute of sourceFiles(join(root, dir))) {
    const files: string[] = [];
    const packages: string[] = [];
    for (const spec of specifiers(absolute)) {
      if (spec.startsWith(".")) files.push(relative(root, resolve(dirname(absolute), spec)));
      else if (!spec.startsWith("node:")) packages.push(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!);
    }
    edges.set(relative(root, absolute), { files, packages });
  }
  return { edges };
}

/** Strongly connected components with more than one file (or a file importing itself): the cycles. */
export function importCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  function visit(node: string): void {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.edges.get(node)?.files ?? []) {
      if (!graph.edges.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    const selfImport = graph.edges.get(node)?.files.includes(node) ?? false;
    if (component.length > 1 || selfImport) cycles.push(component.sort());
  }
  for (const node of graph.edges.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

/** Every file and package reachable from `start` through static imports. */
export function staticClosure(graph: ImportGraph, start: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const node = graph.edges.get(file);
    for (const name of node?.packages ?? []) packages.add(name);
    queue.push(...(node?.files ?? []));
  }
  return { files, packages };
}
