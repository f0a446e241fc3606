// The small error hierarchy used for failures (user-input problems are Diagnostics, not errors).
// Each class carries structured fields; the CLI maps them to exit codes and one clear message.

export interface ErrorOptions {
  cause?: unknown;
  hint?: string;
}

export class CfGitopsError extends Error {
  override name = "CfGitopsError";
  readonly hint: string | undefined;
  constructor(message: string, options: ErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.hint = options.hint;
  }
}

/** Bad command-line usage: unknown flag, missing argument. */
export class UsageError extends CfGitopsError {
  override name = "UsageError";
}

/** A configuration file (stack, policy config) that cannot be used as given. */
export class ConfigError extends CfGitopsError {
  override name = "ConfigError";
  readonly file: string | undefined;
  constructor(message: string, options: ErrorOptions & { file?: string } = {}) {
    super(message, options);
    this.file = options.file;
  }
}

/** The Cloudflare API (or the emulator) answered with an error or could not be reached. */
export class ApiError extends CfGitopsError {
  override name = "ApiError";
  readonly status: number | undefined;
  readonly route: string | undefined;
  readonly codes: number[];
  constructor(
    message: string,
    options: ErrorOptions & { status?: number; route?: string; codes?: number[] } = {},
  ) {
    super(message, options);
    this.status = options.status;
    this.route = options.route;
    this.codes = options.codes ?? [];
  }
}

/** Retries were exhausted against 429 responses. */
export class RateLimitError extends ApiError {
  override name = "RateLimitError";
}

/** A mandatory policy failed; nothing was written. */
export class PolicyBlockedError extends CfGitopsError {
  override name = "PolicyBlockedError";
  readonly policies: string[];
  constructor(message: string, options: ErrorOptions & { policies: string[] }) {
    super(message, options);
    this.policies = options.policies;
  }
}

/** Another update holds the stack (Pulumi lock, daemon run in progress). */
export class EngineBusyError extends CfGitopsError {
  override name = "EngineBusyError";
}

/** A required external tool (the pulumi CLI) is not installed. */
export class ToolMissingError extends CfGitopsError {
  override name = "ToolMissingError";
  readonly tool: string;
  constructor(message: string, options: ErrorOptions & { tool: string }) {
    super(message, options);
    this.tool = options.tool;
  }
}

/** A zone named in desired state does not exist in the account. */
export class ZoneMissingError extends CfGitopsError {
  override name = "ZoneMissingError";
  readonly zones: string[];
  constructor(message: string, options: ErrorOptions & { zones: string[] }) {
    super(message, options);
    this.zones = options.zones;
  }
}

/** The run was cancelled (SIGTERM, AbortSignal, timeout). */
export class AbortedError extends CfGitopsError {
  override name = "AbortedError";
}
