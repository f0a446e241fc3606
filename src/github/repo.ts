import type { GithubClient } from "./client.ts";

/** A client plus the repository it talks about. */
export interface GithubRepo {
  client: GithubClient;
  owner: string;
  repo: string;
}
