// cf-gitops history: past runs from <data dir>/history.sqlite (what the daemon records).
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { historyFile, openHistory } from "../history/index.ts";
import { renderRunDetails, renderRunList } from "../history/render-text.ts";
import { CfGitopsError, UsageError } from "../shared/errors.ts";
import { oneOf, parseFlags } from "./args.ts";
import { defaultDataDir } from "./daemon-support.ts";
import type { CliIo } from "./io.ts";

export const help = `cf-gitops history: list past runs (newest first) from the daemon's history database.

Usage: cf-gitops history [--stack NAME] [--limit N] [--format text|json] [--data-dir DIR] [--run ID]

  --stack NAME      only this stack's runs
  --limit N         how many runs (default 20, at most 10000)
  --format F        text (default) or json (one document on stdout)
  --data-dir DIR    where the daemon keeps its data (default: $CFGITOPS_DATA_DIR or .cf-gitops)
  --run ID          one run in full: its changes, drift, policy results and diagnostics
`;

function positiveInteger(value: string | undefined, flag: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > max) throw new UsageError(`--${flag} must be a whole number from 1 to ${max}; got "${value}"`);
  return number;
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(argv, {
    stack: { type: "string" }, limit: { type: "string" }, format: { type: "string" }, "data-dir": { type: "string" }, run: { type: "string" },
  }, "history");
  const format = oneOf(values.format, ["text", "json"] as const, "format", "text");
  const limit = positiveInteger(values.limit, "limit", 20, 10_000);
  const runId = values.run === undefined ? undefined : positiveInteger(values.run, "run", 1, Number.MAX_SAFE_INTEGER);
  const file = historyFile(resolve(io.cwd, values["data-dir"] ?? defaultDataDir(io)));
  if (!existsSync(file)) {
    if (runId !== undefined) throw new CfGitopsError(`no history database at ${file}`, { hint: "the daemon creates it on its first run; pass --data-dir if it lives elsewhere" });
    io.stderr.write(`note: no history yet at ${file} (the daemon creates it on its first run; pass --data-dir if it lives elsewhere)\n`);
    io.stdout.write(format === "json" ? `${JSON.stringify({ runs: [] })}\n` : "no runs recorded\n");
    return 0;
  }
  const history = openHistory(file);
  try {
    if (runId !== undefined) {
      const details = history.getRun(runId);
      if (!details) throw new CfGitopsError(`no run #${runId} in ${file}`, { hint: "list the runs with: cf-gitops history" });
      io.stdout.write(format === "json" ? `${JSON.stringify(details, null, 2)}\n` : renderRunDetails(details));
      return 0;
    }
    const runs = history.listRuns({ limit, ...(values.stack ? { stack: values.stack } : {}) });
    io.stdout.write(format === "json" ? `${JSON.stringify({ runs }, null, 2)}\n` : renderRunList(runs));
    return 0;
  } finally {
    history.close();
  }
}
