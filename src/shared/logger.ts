import { pino, type Logger } from "pino";

export type { Logger };

/** Paths whose values never reach a log line. */
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
}

/** Loggers are created once at the process boundary and passed down; never imported as a global. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.CFGITOPS_LOG_LEVEL ?? "info";
  const destination = options.destination ?? pino.destination(2);
  return pino({ level, redact: { paths: redactedPaths, censor: "[redacted]" } }, destination);
}

/** A logger that drops everything: for tests and for commands run with --quiet. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
