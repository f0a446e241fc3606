// What a command may touch of the outside world; tests pass their own.
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };
}

/** A command's entry point: returns the exit code (0 ok, 1 error, 2 changes with --detailed-exitcode). */
export type CommandRun = (argv: string[], io: CliIo) => Promise<number>;

export interface CommandModule {
  help: string;
  run: CommandRun;
  /** The command answers --help itself (it has subcommands with their own help). */
  handlesHelp?: boolean;
}
