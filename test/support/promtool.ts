// promtool (from Debian's `prometheus` package) checks and unit-tests the alert rules and the Prometheus
// config. It is optional on a developer's machine: without it those tests skip with one printed line.
// CFGITOPS_REQUIRE_PROMTOOL=1 (set by .ci/run) turns that skip into a failure.
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/** promtool's path, from CFGITOPS_PROMTOOL or PATH, or undefined. */
export function findPromtool(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [env.CFGITOPS_PROMTOOL, ...(env.PATH ?? "").split(delimiter).filter(Boolean).map((dir) => join(dir, "promtool"))];
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Finds promtool, or prints why the promtool tests skip (throws when CFGITOPS_REQUIRE_PROMTOOL=1). */
export function promtoolOrSkip(what: string): string | undefined {
  const path = findPromtool();
  if (path) return path;
  if (process.env.CFGITOPS_REQUIRE_PROMTOOL === "1") {
    throw new Error("CFGITOPS_REQUIRE_PROMTOOL=1 but promtool is not on PATH (Debian: apt-get install prometheus)");
  }
  console.log(`${what} skipped: promtool is not on PATH (Debian: apt-get install prometheus; CFGITOPS_REQUIRE_PROMTOOL=1 makes this a failure)`);
  return undefined;
}

export function runPromtool(promtool: string, args: string[], cwd: string): { status: number | null; output: string } {
  const result = spawnSync(promtool, args, { encoding: "utf8", cwd });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
