// Hidden HTML comments that let a later run find the comment or issue an earlier run wrote.
// The stack name is encoded so that no name can end the comment early or match another stack.

export function planMarker(stack: string): string {
  return `<!-- cf-gitops:plan stack=${encodeURIComponent(stack)} -->`;
}

export function driftMarker(stack: string): string {
  return `<!-- cf-gitops:drift stack=${encodeURIComponent(stack)} -->`;
}

/** True when `body` was written by us for this marker (a quote of it starts with "> " instead). */
export function hasMarker(body: string | null | undefined, marker: string): boolean {
  return typeof body === "string" && body.startsWith(marker);
}
