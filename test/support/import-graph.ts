// The static import graph of src/ (import and export-from declarations, type-only ones included;
// dynamic import() is left out on purpose: it is how heavy modules are loaded lazily).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

export interface ImportGraph {
  /** Repository-relative file -> the relative files and package names it imports. */
  edges: Map<string, ImportEdges>;
}

export interface ImportEdges {
  files: string[];
  packages: string[];
  /** What is still imported when the types are erased (what Node actually loads). */
  runtimeFiles?: string[];
  runtimePackages?: string[];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

function typeOnly(statement: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(statement)) return statement.isTypeOnly;
  const clause = statement.importClause;
  if (!clause) return false; // import "x": loaded for its side effects
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return !clause.name && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((element) => element.isTypeOnly);
}

function specifiers(file: string): { spec: string; typeOnly: boolean }[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false);
  return source.statements.flatMap((statement) => {
    if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      return [{ spec: statement.moduleSpecifier.text, typeOnly: typeOnly(statement) }];
    }
    return [];
  });
}

export function importGraph(root: string, dir = "src"): ImportGraph {
  const edges: ImportGraph["edges"] = new Map();
  for (const absolute of sourceFiles(join(root, dir))) {
    const edge: Required<ImportEdges> = { files: [], packages: [], runtimeFiles: [], runtimePackages: [] };
    for (const { spec, typeOnly } of specifiers(absolute)) {
      if (spec.startsWith(".")) {
        const file = relative(root, resolve(dirname(absolute), spec));
        edge.files.push(file);
        if (!typeOnly) edge.runtimeFiles.push(file);
      } else if (!spec.startsWith("node:")) {
        const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!;
        edge.packages.push(name);
        if (!typeOnly) edge.runtimePackages.push(name);
      }
    }
    edges.set(relative(root, absolute), edge);
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

/** Every file and package Node loads from `start` through static imports (type-only imports are erased). */
export function staticClosure(graph: ImportGraph, start: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const node = graph.edges.get(file);
    for (const name of node?.runtimePackages ?? node?.packages ?? []) packages.add(name);
    queue.push(...(node?.runtimeFiles ?? node?.files ?? []));
  }
  return { files, packages };
}
