// `cf-gitops github <subcommand>`: the glue the workflows in .github/workflows call.
import type { CliIo } from "../cli/io.ts";
import { UsageError } from "../shared/errors.ts";
import { toApiError } from "./api-error.ts";
import type { ClientTuning } from "./cli-context.ts";
import { commentHelp, runComment } from "./cli-comment.ts";
import { driftIssueHelp, runDriftIssue } from "./cli-drift-issue.ts";
import { outputsHelp, runOutputs } from "./cli-outputs.ts";

export const subcommands = {
  comment: { help: commentHelp, run: runComment },
  "drift-issue": { help: driftIssueHelp, run: runDriftIssue },
  outputs: { help: outputsHelp, run: (argv: string[], io: CliIo) => runOutputs(argv, io) },
} as const;

export const githubHelp = `cf-gitops github: pull-request comments, drift issues and workflow outputs.

Usage: cf-gitops github <subcommand> [flags]

Subcommands:
  comment      post or update the sticky plan comment on a pull request
  drift-issue  open, update or close the stack's drift issue
  outputs      write the stacks and their engine as step outputs

Run \`cf-gitops github <subcommand> --help\` for its flags.
Environment: GITHUB_TOKEN, GITHUB_REPOSITORY and GITHUB_API_URL, as GitHub Actions sets them.
Rate limits are retried (up to 3 times, waiting at most 5 minutes each); writes are paced about a
second apart as GitHub asks of integrations.
`;

export async function runGithub(argv: string[], io: CliIo, tuning: ClientTuning = {}): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(githubHelp);
    return name === undefined ? 1 : 0;
  }
  const subcommand = (subcommands as Record<string, (typeof subcommands)[keyof typeof subcommands]>)[name];
  if (subcommand === undefined) throw new UsageError(`unknown github subcommand "${name}"`, { hint: `one of: ${Object.keys(subcommands).join(", ")}` });
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout.write(subcommand.help);
    return 0;
  }
  try {
    return await subcommand.run(rest, io, tuning);
  } catch (error) {
    throw toApiError(error);
  }
}
