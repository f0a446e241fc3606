// --log-file for setups without systemd's journal: the same redacted JSON lines as stderr, in a file
// that rotates by size through pino-roll. The daemon owns rotation; its run processes append to the
// file being written (through the current.log link), so a rotation never races between processes.
import { once } from "node:events";
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { ParseArgsConfig } from "node:util";
import { UsageError } from "../shared/errors.ts";
import { runLogFileVariable } from "../shared/logger.ts";

export const logFileFlags = {
  "log-file": { type: "string" },
  "log-max-size": { type: "string", default: "10m" },
  "log-keep": { type: "string", default: "5" },
} satisfies NonNullable<ParseArgsConfig["options"]>;

export const logFileHelp = `  --log-file FILE    also write the log to FILE, rotated by size: FILE's name gets a number
                     (daemon.log -> daemon.1.log, daemon.2.log, ...; current.log links to the newest)
  --log-max-size S   rotate after this size: 500k, 10m (default), 1g
  --log-keep N       rotated files kept besides the current one (default 5)`;

export interface LogFile {
  stream: NodeJS.WritableStream;
  /** Environment for run processes so they append to the same file. */
  runEnv: Record<string, string>;
  close(): Promise<void>;
}

interface LogFileValues {
  "log-file"?: string | undefined;
  "log-max-size"?: string | undefined;
  "log-keep"?: string | undefined;
}

export async function openLogFile(values: LogFileValues, cwd: string): Promise<LogFile | undefined> {
  if (!values["log-file"]) return undefined;
  const size = values["log-max-size"] ?? "10m";
  if (!/^\d+(\.\d+)?[kmg]?$/i.test(size)) throw new UsageError(`--log-max-size must look like 500k, 10m or 1g; got "${size}"`);
  const keep = Number(values["log-keep"] ?? "5");
  if (!Number.isInteger(keep) || keep < 1) throw new UsageError(`--log-keep must be a whole number of at least 1; got "${values["log-keep"]}"`);
  const file = resolve(cwd, values["log-file"]);
  mkdirSync(dirname(file), { recursive: true }); // pino-roll links current.log before its own mkdir runs
  const { default: pinoRoll } = await import("pino-roll");
  const stream = await pinoRoll({ file, size, symlink: true, mode: 0o640, limit: { count: keep + 1, removeOtherLogFiles: true } }); // this mode's count includes the current file
  return {
    stream: stream as unknown as NodeJS.WritableStream,
    runEnv: { [runLogFileVariable]: join(dirname(file), "current.log") },
    async close() {
      const closed = once(stream, "close");
      stream.end();
      await closed;
    },
  };
}
