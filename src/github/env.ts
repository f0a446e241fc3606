// Where the GitHub commands find the repository and credentials: the variables Actions sets.
import { ConfigError } from "../shared/errors.ts";

export interface GithubEnv {
  token: string;
  owner: string;
  repo: string;
  apiUrl: string;
  /** Link to the current workflow run, when running in Actions. */
  runUrl?: string;
}

export function readGithubEnv(env: NodeJS.ProcessEnv): GithubEnv {
  const token = env.GITHUB_TOKEN;
  if (!token) {
    throw new ConfigError("GITHUB_TOKEN is not set", {
      hint: "in a workflow add `env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}` to the step; locally export a token with repo access",
    });
  }
  const repository = env.GITHUB_REPOSITORY ?? "";
  const [owner, repo, ...rest] = repository.split("/");
  if (!owner || !repo || rest.length > 0) {
    throw new ConfigError(`GITHUB_REPOSITORY must be "owner/name"; got "${repository}"`, {
      hint: "GitHub Actions sets it; locally export GITHUB_REPOSITORY=owner/name",
    });
  }
  const apiUrl = env.GITHUB_API_URL || "https://api.github.com";
  const server = env.GITHUB_SERVER_URL || "https://github.com";
  const runUrl = env.GITHUB_RUN_ID ? `${server}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
  return { token, owner, repo, apiUrl, ...(runUrl ? { runUrl } : {}) };
}
