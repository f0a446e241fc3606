// Every colour on the page comes with a text label and a symbol, never colour alone.
import { html, type SafeHtml } from "./html.ts";

const results: Record<string, { symbol: string; tone: string; label?: string }> = {
  success: { symbol: "✔", tone: "ok" },
  failure: { symbol: "✖", tone: "bad" },
  blocked: { symbol: "⊘", tone: "warn", label: "blocked by policy" },
  interrupted: { symbol: "⚠", tone: "muted" },
  running: { symbol: "↻", tone: "info" },
  pass: { symbol: "✔", tone: "ok", label: "pass" },
  // The policy engine's own result names (src/policy/types.ts PolicyStatus).
  passed: { symbol: "✔", tone: "ok" },
  disabled: { symbol: "–", tone: "muted" },
  fail: { symbol: "✖", tone: "bad", label: "fail" },
  skipped: { symbol: "–", tone: "muted" },
  error: { symbol: "✖", tone: "bad" },
  applied: { symbol: "✔", tone: "ok" },
  failed: { symbol: "✖", tone: "bad" },
  planned: { symbol: "•", tone: "muted" },
  drift: { symbol: "⚠", tone: "warn", label: "drift" },
  "in sync": { symbol: "✔", tone: "ok" },
  // A stack's state in the overview (src/status/model.ts StackState).
  failing: { symbol: "✖", tone: "bad" },
  drifted: { symbol: "⚠", tone: "warn" },
  pending: { symbol: "…", tone: "muted", label: "no run yet" },
  valid: { symbol: "✔", tone: "ok" },
  expiring: { symbol: "⚠", tone: "warn", label: "expiring soon" },
  expired: { symbol: "✖", tone: "bad" },
  unreachable: { symbol: "?", tone: "muted" },
};

export function badge(status: string, label?: string): SafeHtml {
  const known = results[status] ?? { symbol: "•", tone: "muted" };
  return html`<span class="badge tone-${known.tone}" data-status="${status}"><span aria-hidden="true">${known.symbol}</span> ${label ?? known.label ?? status}</span>`;
}
