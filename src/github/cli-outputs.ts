// `cf-gitops github outputs`: stack facts as step outputs, for matrices and conditional steps.
import { appendFile } from "node:fs/promises";
import type { CliIo } from "../cli/io.ts";
import { parseFlags } from "../cli/args.ts";
import { resolvePath } from "./cli-context.ts";
import { readStackOutputs } from "./stack-outputs.ts";

export const outputsHelp = `cf-gitops github outputs: write stack facts as GitHub Actions step outputs.

Usage: cf-gitops github outputs [--stack NAME]

Appends to $GITHUB_OUTPUT (and prints):
  stacks=["default",...]   every stack in stacks/ (JSON, for a job matrix)
  stack=NAME               the chosen stack (--stack, else the only one, else "default";
                           omitted when there are several and none is named default)
  engine=native|pulumi     its engine (install the pulumi CLI only when it is pulumi)
`;

export async function runOutputs(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(argv, { stack: { type: "string" } }, "github outputs");
  const outputs = await readStackOutputs(io.cwd, values.stack);
  let lines = `stacks=${JSON.stringify(outputs.stacks)}\n`;
  if (outputs.stack) lines += `stack=${outputs.stack}\nengine=${outputs.engine}\n`;
  if (io.env.GITHUB_OUTPUT) await appendFile(resolvePath(io, io.env.GITHUB_OUTPUT), lines);
  io.stdout.write(lines);
  return 0;
}
