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
  },
});
