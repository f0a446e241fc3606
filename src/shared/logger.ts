import { pino, type Logger } from "pino";
import { redactorFromEnv, type Redactor } from "./redact.ts";

export type { Logger };

/** Paths whose values never reach a log line, whatever they are (values of any length, unlike the Redactor). */
export const redactedPaths = [
  "token",
  "apiToken",
  "authorization",
  "headers.authorization",
  "*.token",
  "*.apiToken",
  "*.authorization",
  "*.secret",
  "*.passphrase",
  "*.password",
];

export interface LoggerOptions {
  level?: string;
  /** Write to this stream instead of stderr (stdout is reserved for command output). */
  destination?: NodeJS.WritableStream;
  /** A second destination (the --log-file); the same redacted lines go to both. */
  also?: NodeJS.WritableStream;
  /** Applied to every finished line (default: the secrets of process.env); see shared/redact.ts. */
  redact?: Redactor;
}

/** Set by the daemon for its run processes: they append to its current --log-file too. */
export const runLogFileVariable = "CFGITOPS_RUN_LOG_FILE";

/** Loggers are created once at the process boundary and passed down; never imported as a global. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.CFGITOPS_LOG_LEVEL ?? "info";
  const destination = options.destination ?? pino.destination(2);
  const runLogFile = process.env[runLogFileVariable];
  const also = options.also ?? (runLogFile ? pino.destination({ dest: runLogFile, append: true, sync: true }) : undefined);
  const streams = also ? pino.multistream([{ stream: destination, level: "trace" }, { stream: also, level: "trace" }]) : destination;
  const redact = options.redact ?? redactorFromEnv(process.env);
  // By path for known fields, then by value on the whole line: an error message carrying a URL with
  // a password or a token is caught wherever it sits.
  return pino({ level, redact: { paths: redactedPaths, censor: "[redacted]" }, hooks: { streamWrite: (line) => redact(line) } }, streams);
}

/** A logger that drops everything: for tests and for commands run with --quiet. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
