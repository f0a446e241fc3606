// Status model -> one self-contained HTML document (inline CSS and script, no external assets).
import { createHash } from "node:crypto";
import type { StatusModel } from "../model.ts";
import { certificatesSection } from "./certificates-section.ts";
import { clientScript } from "./client-script.ts";
import { formatTimestamp } from "./format.ts";
import { html, trusted } from "./html.ts";
import { overviewSection } from "./overview-section.ts";
import { stackSection } from "./stack-section.ts";
import { stylesheet } from "./style.ts";

function sha256(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

/** The inline style and script are allowed by hash, so the same CSP works served and as a static file. */
export const pageCsp = [
  "default-src 'none'",
  `style-src ${sha256(stylesheet)}`,
  `script-src ${sha256(clientScript)}`,
  "connect-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

export interface RenderOptions {
  /** Include the live-update script (when served by the daemon). Off for the static site. */
  live?: boolean;
}

export function renderStatusPage(model: StatusModel, options: RenderOptions = {}): string {
  const now = new Date(model.generatedAt);
  const title = model.title ?? "cf-gitops status";
  const live = options.live === true;
  const drifted = model.stacks.reduce((total, stack) => total + (stack.drift?.items.length ?? 0), 0);
  const body = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${pageCsp}">
<meta name="referrer" content="no-referrer">
<title>${drifted > 0 ? `(${drifted} drifted) ` : ""}${title}</title>
<style>${trusted(stylesheet)}</style>
</head>
<body>
<header>
  <h1>${title}</h1>
  <p class="meta">Generated <time datetime="${model.generatedAt}">${formatTimestamp(model.generatedAt)}</time></p>
  <p id="live-status" role="status" aria-live="polite">${live ? "Live updates need JavaScript; reload for fresh data" : "Static snapshot"}</p>
</header>
${live ? html`<div id="run-notices" class="toasts" role="status" aria-live="polite" aria-label="Run notices"></div>` : ""}
<main>
${overviewSection(model, now)}
${model.stacks.map((stack) => stackSection(stack, now))}
${certificatesSection(model.certificates, now)}
</main>
<footer class="note">Also as JSON: <a href="status.json">status.json</a>${live ? html`, <a href="api/status">api/status</a>, <a href="metrics">metrics</a>` : ""}</footer>
${live ? html`<script>${trusted(clientScript)}</script>` : ""}
</body>
</html>
`;
  return body.value;
}
