// Escaping for user data (record names, contents, policy messages) placed in GitHub markdown.
// GitHub renders markdown, then HTML, then links @mentions and #refs in text: each helper below
// closes one of those doors for the context it is used in.

const htmlEntities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text inside raw HTML (a `<summary>` line): entities, and no @mention pings. */
export function escapeHtml(text: string): string {
  return oneLine(text)
    .replace(/[&<>"']/g, (char) => htmlEntities[char] ?? char)
    .replace(/@(?=\w)/g, "@&#8203;");
}

/** Free text in markdown (a table cell): no HTML, no emphasis/links/tables, no @mention pings. */
export function escapeMarkdown(text: string): string {
  // One pass, so the entities it writes are never escaped again.
  return oneLine(text)
    .replace(/[&<>\\`*_[\]|~#!()]/g, (char) => (char === "&" || char === "<" || char === ">" ? (htmlEntities[char] ?? char) : `\\${char}`))
    .replace(/@(?=\w)/g, "@\u200b");
}

/** An inline code span; inside a table, `|` must still be escaped (GFM splits cells first). */
export function codeSpan(text: string, inTable = true): string {
  let value = oneLine(text);
  if (inTable) value = value.replace(/\|/g, "\\|");
  const longestRun = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = value.startsWith("`") || value.endsWith("`") ? " " : "";
  return `${fence}${pad}${value}${pad}${fence}`;
}

/** A fence longer than any backtick run in the lines, so data can never close the block. */
export function codeFence(lines: string[]): string {
  const longestRun = Math.max(0, ...lines.flatMap((line) => line.match(/`+/g) ?? []).map((run) => run.length));
  return "`".repeat(Math.max(3, longestRun + 1));
}

function oneLine(text: string): string {
  return text.replace(/\r?\n|\r/g, " ");
}
