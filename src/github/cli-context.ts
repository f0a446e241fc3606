// Shared plumbing of the `cf-gitops github` subcommands: the client, the job summary, a logger.
import { appendFile } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import type { CliIo } from "../cli/io.ts";
import { createLogger, type Logger } from "../shared/logger.ts";
import { createGithubClient, type GithubClientOptions } from "./client.ts";
import { readGithubEnv, type GithubEnv } from "./env.ts";
import type { GithubRepo } from "./repo.ts";

/** Test seams: tests shrink rate-limit waits and switch off write pacing; nothing else differs. */
export type ClientTuning = Pick<GithubClientOptions, "paceWrites" | "retryAfterUnitMs" | "maxRateLimitRetries" | "maxWaitSeconds">;

export interface GithubCliContext {
  env: GithubEnv;
  target: GithubRepo;
  log: Logger;
}

export function githubContext(io: CliIo, tuning: ClientTuning = {}): GithubCliContext {
  const env = readGithubEnv(io.env);
  const log = createLogger({ destination: io.stderr, level: io.env.CFGITOPS_LOG_LEVEL ?? "warn" });
  const client = createGithubClient({ token: env.token, apiUrl: env.apiUrl, log, ...tuning });
  return { env, target: { client, owner: env.owner, repo: env.repo }, log };
}

export function resolvePath(io: CliIo, path: string): string {
  return isAbsolute(path) ? path : resolve(io.cwd, path);
}

/** Appends to the job summary (Actions concatenates what every step appends). */
export async function writeSummary(io: CliIo, flag: string | undefined, markdown: string): Promise<string | undefined> {
  const path = flag ?? io.env.GITHUB_STEP_SUMMARY;
  if (!path) return undefined;
  await appendFile(resolvePath(io, path), `${markdown}\n`);
  return path;
}

/** The job summary is capped at 1 MiB per step; stay below it with room for other steps. */
export const summaryMaxChars = 1_000_000;
