// Placeholder until the owning issue lands; replaced by the real command.
import { CfGitopsError } from "../shared/errors.ts";

export const help = "cf-gitops validate: not built yet.";

export async function run(): Promise<number> {
  throw new CfGitopsError("cf-gitops validate is not built yet");
}
