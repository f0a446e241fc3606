// `cf-gitops github ...`: see src/github/cli.ts.
import type { CliIo } from "./io.ts";
import { githubHelp, runGithub, subcommands } from "../github/cli.ts";

// main() answers any `--help` with this text, so it carries every subcommand's flags too.
export const help = [githubHelp, ...Object.values(subcommands).map((subcommand) => subcommand.help)].join("\n");

export function run(argv: string[], io: CliIo): Promise<number> {
  return runGithub(argv, io);
}
