// Lint rules that encode the house style (DESIGN §8) and the layering rule (DESIGN §2).
import js from "@eslint/js";
import importX from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";

const engineAdapters = ["**/engines/native/**", "**/engines/pulumi/**", "**/kinds/*/native.ts", "**/kinds/*/pulumi.ts", "@pulumi/*", "cloudflare", "cloudflare/*"];

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "coverage/", "test-output/", ".cf-gitops/", "**/*.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly", setTimeout: "readonly", clearTimeout: "readonly", setInterval: "readonly", clearInterval: "readonly", Buffer: "readonly", AbortController: "readonly", AbortSignal: "readonly", TextEncoder: "readonly", TextDecoder: "readonly", fetch: "readonly", Response: "readonly", Request: "readonly", Headers: "readonly", structuredClone: "readonly", performance: "readonly", queueMicrotask: "readonly", setImmediate: "readonly", NodeJS: "readonly" } },
    rules: {
      "func-style": ["error", "declaration", { allowArrowFunctions: true }],
      "no-restricted-syntax": [
        "error",
        { selector: "ExportDefaultDeclaration", message: "Use named exports (house style)." },
        { selector: "TSEnumDeclaration", message: "Use a union of string literals instead of an enum." },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    // The core never imports an engine adapter or a cloud SDK (DESIGN §2).
    files: ["src/desired-state/**", "src/policy/**", "src/plan/**", "src/daemon/**", "src/kinds/**/*.ts"],
    ignores: ["**/*.test.ts", "src/kinds/**/native.ts", "src/kinds/**/pulumi.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: engineAdapters, message: "The core must not import an engine adapter or a cloud SDK; take an Engine through the port." }] }],
    },
  },
  {
    // No import cycle between the kinds and the core (docs/architecture.md, "The import rule"): the
    // core may import the registry, a kind may import the core's types and helpers, never both ways.
    // (test/import-graph.test.ts checks the same with type-only imports counted.)
    files: ["src/kinds/**/*.ts", "src/desired-state/**/*.ts", "src/policy/**/*.ts", "src/plan/**/*.ts", "src/daemon/**/*.ts"],
    ignores: ["**/*.test.ts"],
    plugins: { "import-x": importX },
    settings: { "import-x/resolver-next": [importX.createNodeResolver({ extensions: [".ts", ".js"] })], "import-x/extensions": [".ts"], "import-x/parsers": { "@typescript-eslint/parser": [".ts"] } },
    // a kind's engine adapters are loaded lazily (import("./native.ts")): those edges load nothing up front
    rules: { "import-x/no-cycle": ["error", { ignoreExternal: true, allowUnsafeDynamicCyclicDependency: true }] },
  },
  {
    // Tool configuration files are read through their default export.
    files: ["*.config.js", "*.config.ts"],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    files: ["**/*.test.ts", "test/**", "bench/**"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
);
