// Shared helpers for the native-engine tests: a temporary repository, the in-process emulator,
// and the real SDK pointed at it.
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import Cloudflare from "cloudflare";
import { loadDesiredState, loadStack } from "../src/desired-state/index.ts";
import type { DesiredState, StackConfig } from "../src/desired-state/types.ts";
import { startEmulator, type RunningEmulator } from "../src/emulator/index.ts";
import { silentLogger } from "../src/shared/logger.ts";
import type { RunOptions } from "../src/engines/engine.ts";
import { runMain as runCaptured, type CliRun } from "./support/captured-io.ts";

// The shape the Pulumi provider accepts (src/engines/pulumi/token.ts): these tests can reach it.
export const token = "cfgitops-test-token-0123456789abcdefghij";

export async function tempRepo(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "cfg-native-"));
  await writeFiles(root, files);
  return root;
}

export async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
}

export async function removeRepo(root: string): Promise<void> {
  await rm(root, { recursive: true, force: true });
}

export async function load(root: string): Promise<{ desired: DesiredState; stack: StackConfig }> {
  const stackResult = await loadStack(root);
  if (!stackResult.stack) throw new Error(`stack: ${JSON.stringify(stackResult.diagnostics)}`);
  const result = await loadDesiredState(join(root, stackResult.stack.desired_state.dir), { root, stack: stackResult.stack });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`desired state: ${JSON.stringify(errors)}`);
  return { desired: result.state, stack: stackResult.stack };
}

export function runOptions(stack: StackConfig, extra: Partial<RunOptions> = {}): RunOptions {
  return { stack, log: silentLogger(), ...extra };
}

export function sdk(emulator: RunningEmulator): Cloudflare {
  return new Cloudflare({ apiToken: token, baseURL: emulator.baseUrl, maxRetries: 0 });
}

export async function emulatorWith(zones: string[] = [], options: Parameters<typeof startEmulator>[0] = {}): Promise<RunningEmulator> {
  return startEmulator({ zones, ...options });
}

/** Requests counted at the emulator, optionally only those whose "METHOD route" matches. */
export function requestCount(emulator: RunningEmulator, match?: RegExp): number {
  return emulator.stats().requests.filter((r) => !match || match.test(`${r.method} ${r.route}`)).length;
}

export type { CliRun };

/** Runs `cf-gitops` as a real process (the pinned Node), pointed at the emulator. */
export async function runCli(args: string[], options: { cwd: string; emulator: RunningEmulator; env?: Record<string, string> }): Promise<CliRun> {
  const { spawn } = await import("node:child_process");
  const repo = join(import.meta.dirname, "..");
  const child = spawn(join(repo, "node_modules/.bin/node"), [join(repo, "bin/cf-gitops.js"), ...args], {
    cwd: options.cwd,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      CLOUDFLARE_API_TOKEN: token,
      CLOUDFLARE_BASE_URL: options.emulator.baseUrl,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number>((resolve) => child.on("close", (status) => resolve(status ?? 1)));
  return { code, stdout, stderr };
}

/** Runs `cf-gitops` in-process, with the token (and the emulator's URL) in its environment. */
export function runMain(args: string[], options: { cwd: string; emulator?: RunningEmulator; env?: Record<string, string>; tty?: boolean; input?: string }): Promise<CliRun> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? "", CLOUDFLARE_API_TOKEN: token, ...(options.emulator && { CLOUDFLARE_BASE_URL: options.emulator.baseUrl }), ...options.env };
  return runCaptured(args, { cwd: options.cwd, env, ...(options.tty !== undefined && { tty: options.tty }), ...(options.input !== undefined && { input: options.input }) });
}
