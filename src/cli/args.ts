import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "../shared/errors.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Strict flag parsing; an unknown or malformed flag becomes a UsageError naming it. */
export function parseFlags<T extends Options>(argv: string[], options: T, command: string) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: "boolean", short: "h" } }, strict: true, allowPositionals: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(message.replace(/\. To specify a positional argument.*$/s, ""), {
      hint: `run: cf-gitops ${command} --help`,
    });
  }
}

/** Reads a flag whose value must be one of a fixed set. */
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be one of ${allowed.join(", ")}; got "${value}"`);
}

/** --policy-timeout SECONDS, shared by policy, plan, apply and daemon. */
export const policyTimeoutFlag = { "policy-timeout": { type: "string" } } as const;

export const policyTimeoutHelp = `  --policy-timeout SECONDS   stop a custom policy still running after this long (default 30, the
                        daemon's policy stage timeout); it fails with policy-timeout`;

/** The policy timeout in milliseconds, or undefined for the default. */
export function policyTimeoutMs(value: string | boolean | undefined): number | undefined {
  if (typeof value !== "string") return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) throw new UsageError(`--policy-timeout must be a number of seconds from 0 to 3600; got "${value}"`);
  return Math.round(seconds * 1000);
}
