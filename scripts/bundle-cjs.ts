// Packs a dependency-free CommonJS package into one file (build time, ADR 11). Loading a package of
// a thousand small modules costs a resolution, a stat, a read and a wrapper per module; one file
// costs one of each, and Node's compile cache keeps its compiled code. Only literal relative
// `require("./...")` calls are followed; anything else is left to the real `require`.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import ts from "typescript";

const relativeRequire = /(?<![\w$.])require\((["'])(\.{1,2}\/[^"']+)\1\)/g;

/** Without comments (a third of the SDK's bytes), and pure ASCII, so Node reads it as a one-byte
 * string; the few non-ASCII characters left are in string literals, where \u escapes mean the same. */
function compact(source: string, file: string): string {
  const parsed = ts.createSourceFile(file, source, ts.ScriptTarget.ESNext, false, ts.ScriptKind.JS);
  const printed = ts.createPrinter({ removeComments: true }).printFile(parsed);
  return printed.replace(/[^ -~\t\n\r]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * `entry` is an absolute file path; returns the text of a CommonJS module that exports what the entry
 * exports, or with `defaultAsModule`, what ESM code gets from the package's ES build: its default
 * export as the module, with the other exports as properties.
 */
export function bundleCommonJs(entry: string, options: { defaultAsModule?: boolean } = {}): { code: string; modules: number; names: string[] } {
  const ids = new Map<string, number>();
  const sources: string[] = [];
  const queue = [entry];
  ids.set(entry, 0);
  while (queue.length > 0) {
    const file = queue.shift()!;
    const requireFrom = createRequire(file);
    const text = readFileSync(file, "utf8").replace(relativeRequire, (_match, _quote: string, specifier: string) => {
      const target = requireFrom.resolve(specifier);
      if (!target.endsWith(".js") && !target.endsWith(".cjs")) throw new Error(`bundle: ${file} requires ${specifier}, which is not CommonJS`);
      let id = ids.get(target);
      if (id === undefined) {
        id = ids.size;
        ids.set(target, id);
        queue.push(target);
      }
      return `__load(${id})`;
    });
    const id = ids.get(file)!;
    const name = JSON.stringify(file.slice(file.lastIndexOf("node_modules/") + "node_modules/".length));
    sources[id] = `/* ${id} ${name} */ (function (exports, require, module, __filename, __dirname) {\n${compact(text.replace(/^#!.*\n/, ""), file)}\n})`;
  }
  const names = Object.keys(createRequire(entry)(entry) as object).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== "default");
  const code = [
    '"use strict";',
    `const __factories = [\n${sources.join(",\n")}\n];`,
    "const __cache = [];",
    "function __load(id) {",
    "  const cached = __cache[id];",
    "  if (cached) return cached.exports;",
    "  const module = { exports: {} };",
    "  __cache[id] = module;",
    "  __factories[id].call(module.exports, module.exports, require, module, __filename, __dirname);",
    "  return module.exports;",
    "}",
    ...(options.defaultAsModule
      ? ["const __entry = __load(0);", "module.exports = __entry.default;", `for (const name of ${JSON.stringify(names)}) if (!(name in module.exports)) module.exports[name] = __entry[name];`]
      : ["module.exports = __load(0);"]),
    // The export names, for Node's ESM loader (cjs-module-lexer reads this; it never runs).
    `0 && (module.exports = { ${names.join(", ")} });`,
    "",
  ].join("\n");
  return { code, modules: ids.size, names };
}

/** An ES module in front of the bundle: `require` loads the bundle (no export scan of its
 * megabytes, which an `import` of CommonJS does), and its exports are named here. */
export function esmFront(bundleFile: string, names: string[]): string {
  return [
    'import { createRequire } from "node:module";',
    `const bundle = createRequire(import.meta.url)(${JSON.stringify(`./${bundleFile}`)});`,
    "export default bundle;",
    names.length > 0 ? `export const { ${names.join(", ")} } = bundle;` : "",
    "",
  ].join("\n");
}

/**
 * Top-level function declarations become parenthesised function expressions, first in the file:
 * V8 compiles those eagerly, so Node's compile cache holds their code (it keeps only what was
 * compiled before the first run). Declarations are hoisted anyway, so moving them up keeps meaning.
 */
export function eagerTopLevelFunctions(code: string): string {
  const file = ts.createSourceFile("code.js", code, ts.ScriptTarget.ESNext, true, ts.ScriptKind.JS);
  const printer = ts.createPrinter({ removeComments: true });
  const functions: string[] = [];
  const rest: string[] = [];
  const directives: string[] = [];
  for (const statement of file.statements) {
    if (rest.length === 0 && functions.length === 0 && ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression)) {
      directives.push(printer.printNode(ts.EmitHint.Unspecified, statement, file));
    } else if (ts.isFunctionDeclaration(statement) && statement.name && statement.body) {
      const expression = ts.factory.createFunctionExpression(statement.modifiers?.filter(ts.isModifier), statement.asteriskToken, statement.name, statement.typeParameters, statement.parameters, undefined, statement.body);
      functions.push(`var ${statement.name.text} = (${printer.printNode(ts.EmitHint.Expression, expression, file)});`);
    } else {
      rest.push(printer.printNode(ts.EmitHint.Unspecified, statement, file));
    }
  }
  return [...directives, ...functions, ...rest].join("\n");
}
