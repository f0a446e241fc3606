// One comment per pull request and stack, found again by its hidden marker and edited in place.
import { hasMarker } from "./markers.ts";
import type { GithubRepo } from "./repo.ts";

export interface StickyCommentResult {
  action: "created" | "updated" | "unchanged";
  id: number;
  url: string;
  /** Duplicates left by an older run or a race, removed so exactly one remains. */
  removed: number;
}

export async function upsertStickyComment(
  target: GithubRepo,
  input: { issueNumber: number; marker: string; body: string },
): Promise<StickyCommentResult> {
  const { client, owner, repo } = target;
  const body = hasMarker(input.body, input.marker) ? input.body : `${input.marker}\n${input.body}`;
  const comments = await client.paginate(client.rest.issues.listComments, { owner, repo, issue_number: input.issueNumber, per_page: 100 });
  const ours = comments.filter((comment) => hasMarker(comment.body, input.marker));
  const [first, ...duplicates] = ours;
  for (const duplicate of duplicates) await client.rest.issues.deleteComment({ owner, repo, comment_id: duplicate.id });
  if (first === undefined) {
    const { data } = await client.rest.issues.createComment({ owner, repo, issue_number: input.issueNumber, body });
    return { action: "created", id: data.id, url: data.html_url, removed: 0 };
  }
  if (first.body === body) return { action: "unchanged", id: first.id, url: first.html_url, removed: duplicates.length };
  const { data } = await client.rest.issues.updateComment({ owner, repo, comment_id: first.id, body });
  return { action: "updated", id: data.id, url: data.html_url, removed: duplicates.length };
}
