// The CLI in-process, with its output captured: cheaper than a process for checks that need no
// process boundary (the real-process runs live in native-support.ts and daemon-process.ts).
import { PassThrough } from "node:stream";
import type { CliIo } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";

export interface CapturedIo {
  io: CliIo;
  stdout(): string;
  stderr(): string;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CaptureOptions {
  cwd: string;
  /** Exactly the environment the command sees (nothing is inherited). */
  env?: NodeJS.ProcessEnv;
  /** Pretend stdin is a terminal (for confirmation prompts). */
  tty?: boolean;
  /** Text on stdin, then end of input. */
  input?: string;
}

export function capturedIo(options: CaptureOptions): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough().on("data", (chunk: Buffer) => out.push(chunk.toString()));
  const stderr = new PassThrough().on("data", (chunk: Buffer) => err.push(chunk.toString()));
  const stdin = Object.assign(new PassThrough(), { isTTY: options.tty === true });
  if (options.input !== undefined) stdin.end(options.input);
  return { io: { stdout, stderr, stdin, env: options.env ?? {}, cwd: options.cwd }, stdout: () => out.join(""), stderr: () => err.join("") };
}

/** `cf-gitops <argv>` through main(), returning its exit code and output. */
export async function runMain(argv: string[], options: CaptureOptions): Promise<CliRun> {
  const captured = capturedIo(options);
  const code = await main(argv, captured.io);
  return { code, stdout: captured.stdout(), stderr: captured.stderr() };
}
