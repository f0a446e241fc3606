// The page's only stylesheet, inline (no external assets). Contrast: all text/background pairs are >= 4.5:1.
export const stylesheet = `
:root { color-scheme: light; --fg: #1b1f24; --bg: #ffffff; --muted: #4b5563; --line: #d0d7de; --panel: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header, main, footer { max-width: 1200px; margin: 0 auto; padding: 0.75rem 1rem; }
header { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: baseline; border-bottom: 1px solid var(--line); }
h1 { font-size: 1.4rem; margin: 0; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 0.4rem; }
.note, .meta { color: var(--muted); margin: 0.2rem 0; }
footer.note { margin: 0 auto; padding-bottom: 1.5rem; }
section.stack { border: 1px solid var(--line); border-radius: 6px; padding: 0 1rem 1rem; margin: 1rem 0; }
dl.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 0.5rem 1rem; margin: 0; }
dl.facts div { background: var(--panel); border-radius: 4px; padding: 0.4rem 0.6rem; }
dt { font-weight: 600; font-size: 0.85rem; color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 0.4rem 0 0.8rem; font-size: 0.92rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.45rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th { white-space: nowrap; }
td code { overflow-wrap: anywhere; }
thead th { background: var(--panel); }
code { font: 0.88em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre-wrap; }
.badge { display: inline-block; border-radius: 999px; padding: 0 0.55rem; font-size: 0.85rem; font-weight: 600; white-space: nowrap; border: 1px solid transparent; }
.tone-ok { background: #d7f5dd; color: #0b4f1f; border-color: #8fd19e; }
.tone-bad { background: #ffe0e0; color: #8a0010; border-color: #f2a1a8; }
.tone-warn { background: #fff1c2; color: #5c3b00; border-color: #e3b341; }
.tone-info { background: #dbeafe; color: #0b3a8c; border-color: #93b7f3; }
.tone-muted { background: #eceff3; color: #374151; border-color: #c4cad3; }
table.drift { border: 2px solid #e3b341; }
tr.drift-row td.live { background: #fff1c2; color: #5c3b00; }
tr.drift-row td.git { background: #d7f5dd; color: #0b4f1f; }
.error-text { color: #8a0010; }
details summary { cursor: pointer; }
#live-status { font-size: 0.85rem; color: var(--muted); }
figure.timeline { margin: 0.4rem 0 0.2rem; }
svg.timeline { display: block; width: 100%; max-width: 30rem; height: auto; }
svg.timeline .runs { fill: #2f6fb7; }
svg.timeline .hatch-bg { fill: #8a0010; }
svg.timeline .hatch-line { fill: #f2a1a8; }
svg.timeline .drift { fill: #a15c00; }
svg.timeline .checked { fill: #0b4f1f; }
svg.timeline .axis { stroke: #6b7280; stroke-width: 1; }
svg.timeline .label { font-size: 11px; fill: #374151; }
svg.timeline .hit { fill: transparent; }
svg.timeline g.day:hover .hit { fill: #eef2f7; }
.legend { font-size: 0.85rem; }
.legend .key { display: inline-block; width: 0.8em; height: 0.8em; margin-left: 0.4em; vertical-align: -0.05em; border-radius: 2px; }
.key-runs { background: #2f6fb7; }
.key-failures { background: repeating-linear-gradient(45deg, #8a0010 0 2px, #f2a1a8 2px 4px); }
.key-drift { background: #a15c00; }
ul.counts { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.1rem 0.9rem; }
ul.violations { margin: 0.2rem 0; padding-left: 1.1rem; }
.toasts { position: fixed; right: 1rem; bottom: 1rem; z-index: 10; display: flex; flex-direction: column; gap: 0.5rem; max-width: min(24rem, calc(100vw - 2rem)); }
.toast { margin: 0; padding: 0.55rem 0.8rem; border-radius: 6px; background: #1b1f24; color: #ffffff; border-left: 6px solid #93b7f3; box-shadow: 0 2px 10px rgba(0, 0, 0, 0.25); overflow-wrap: anywhere; }
.toast-success { border-left-color: #8fd19e; }
.toast-problem { border-left-color: #f2a1a8; }
@media (max-width: 600px) {
  header, main, footer { padding: 0.5rem 0.6rem; }
  section.stack { padding: 0 0.5rem 0.5rem; }
  /* Tables shrink to the screen: long words and code break, so no table pushes the page sideways. */
  table { font-size: 0.8rem; }
  th, td { white-space: normal; overflow-wrap: break-word; padding: 0.25rem 0.3rem; }
  th code, td code, .commit-message, .author { overflow-wrap: anywhere; }
  .badge { padding: 0 0.35rem; font-size: 0.78rem; white-space: normal; }
  /* The runs table keeps run, start, kind, commit, result and changes; trigger and duration are in the JSON. */
  table.runs > * > tr > :nth-child(4), table.runs > * > tr > :nth-child(7) { display: none; }
  /* The drift table keeps all six columns (who changed it matters most on a phone): they wrap anywhere. */
  table.drift { font-size: 0.75rem; }
  table.drift th, table.drift td, table.drift code { overflow-wrap: anywhere; }
}
@media (prefers-reduced-motion: no-preference) { tr.run.fresh { animation: flash 2s ease-out; } @keyframes flash { from { background: #dbeafe; } to { background: transparent; } } }
`;
