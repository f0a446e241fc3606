import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // Custom policies import `cf-gitops/policy`; in the CLI a resolve hook sends it to the running copy
  // (src/policy/self-reference.ts), but vitest resolves imports itself.
  resolve: { alias: { "cf-gitops/policy": fileURLToPath(new URL("./src/policy/public.ts", import.meta.url)) } },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "policies/**/*.test.ts", "scripts/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    maxWorkers: 2,
    // `npm run coverage` (vitest run --coverage). Only the tests' own processes are measured: the
    // CLI and daemon processes that end-to-end tests start are not. The thresholds sit a little
    // below the measured figures (README.md, "Coverage"), so a drop fails the run (.ci/run, ci.yml).
    // CFGITOPS_COVERAGE=1 turns it on for a plain `npm test` (what .ci/run runs: the README's command).
    coverage: {
      enabled: process.env.CFGITOPS_COVERAGE === "1",
      provider: "v8",
      include: ["src/**/*.ts"],
      exclude: ["**/*.test.ts", "**/*.d.ts", "src/**/*.case.ts", "src/**/test-fixtures.ts"],
      reporter: ["text-summary", "json-summary"],
      thresholds: { lines: 90, statements: 87, functions: 87, branches: 78 },
    },
  },
});
