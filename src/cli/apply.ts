// Placeholder until the owning issue lands; replaced by the real command.
import { CfGitopsError } from "../shared/errors.ts";

export const help = "cf-gitops apply: not built yet.";

export async function run(): Promise<number> {
  throw new CfGitopsError("cf-gitops apply is not built yet");
}
