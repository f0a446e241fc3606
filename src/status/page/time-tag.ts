import { formatAge, formatTimestamp } from "./format.ts";
import { html, type SafeHtml } from "./html.ts";

/** A <time> whose text is the age; the client script refreshes ages from `datetime`. */
export function timeTag(iso: string | undefined, now: Date): SafeHtml {
  if (iso === undefined) return html`—`;
  return html`<time datetime="${iso}" title="${formatTimestamp(iso)}" data-age>${formatAge(iso, now)}</time>`;
}

export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "x";
}
