// `cf-gitops github ...`: see src/github/cli.ts.
import type { CliIo } from "./io.ts";
import { githubHelp, runGithub, subcommands } from "../github/cli.ts";

// Subcommands answer their own --help; this full text also serves the workflow-file checks.
export const handlesHelp = true;
export const help = [githubHelp, ...Object.values(subcommands).map((subcommand) => subcommand.help)].join("\n");

export function run(argv: string[], io: CliIo): Promise<number> {
  return runGithub(argv, io);
}
