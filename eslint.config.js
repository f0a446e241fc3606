// Lint rules that encode the house style (DESIGN §8) and the layering rule (DESIGN §2).
import js from "@eslint/js";
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
    // Tool configuration files are read through their default export.
    files: ["*.config.js", "*.config.ts"],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    files: ["**/*.test.ts", "test/**", "bench/**"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
);
