import { describe, expect, it } from "vitest";
import type { Change, Plan } from "./types.ts";
import { githubCommentLimit, renderMarkdown } from "./render-markdown.ts";

function plan(changes: Change[]): Plan {
  return { stack: "production", engine: "native", commit: "0123456789abcdef0123", changes };
}

const www: Change = {
  kind: "dns-record",
  id: "example.com/dns/www/A/203.0.113.10",
  zone: "example.com",
  op: "update",
  fields: ["ttl", "proxied"],
  before: { name: "www", type: "A", content: "203.0.113.10", ttl: 300, proxied: false },
  after: { name: "www", type: "A", content: "203.0.113.10", ttl: 1, proxied: true },
  source: { file: "desired-state/zones/example.com.yaml", line: 12, column: 5 },
};
const mx: Change = {
  kind: "dns-record",
  id: "example.com/dns/@/MX/mx1.example.net",
  zone: "example.com",
  op: "create",
  fields: ["content", "priority"],
  after: { name: "@", type: "MX", content: "mx1.example.net", priority: 10 },
};
const ssl: Change = { kind: "zone-settings", id: "example.org/settings/ssl", zone: "example.org", op: "update", fields: ["value"], before: { value: "full" }, after: { value: "strict" } };
const service: Change = { kind: "tunnel-service", id: "services/grafana", op: "delete", fields: ["origin"], before: { origin: "http://localhost:3000" } };

describe("renderMarkdown", () => {
  it("summarises creates, updates and deletes per zone and kind", () => {
    const markdown = renderMarkdown({ plan: plan([www, mx, ssl, service]) });
    expect(markdown).toContain("### cf-gitops plan: stack `production` (native engine) at `0123456789ab`");
    expect(markdown).toContain("**Plan:** 1 to create, 2 to update, 1 to delete.");
    expect(markdown).toContain("| Zone | Kind | Create | Update | Delete | Replace |");
    expect(markdown).toContain("| example.com | dns-record | 1 | 1 | 0 | 0 |");
    expect(markdown).toContain("| example.org | zone-settings | 0 | 1 | 0 | 0 |");
    expect(markdown).toContain("| \\(tunnel services\\) | tunnel-service | 0 | 0 | 1 | 0 |");
    expect(markdown).toContain("| **Total** | | **1** | **2** | **1** | **0** |");
  });

  it("shows a collapsible before/after diff per changed field, grouped by zone", () => {
    const markdown = renderMarkdown({ plan: plan([ssl, www, mx]) });
    const wwwBlock = markdown.slice(markdown.indexOf("<details><summary>🟡 <b>update</b> dns-record <code>example.com/dns/www"));
    expect(wwwBlock).toMatch(/^<details><summary>.*\(ttl, proxied\) · desired-state\/zones\/example\.com\.yaml:12<\/summary>\n\n```diff\n- ttl: 300\n\+ ttl: auto\n- proxied: false\n\+ proxied: true\n```\n\n<\/details>/);
    expect(markdown).toContain('+ content: "mx1.example.net"\n+ priority: 10');
    expect(markdown).not.toContain("- content:");
    expect(markdown.indexOf("**example.com**")).toBeLessThan(markdown.indexOf("**example.org**"));
    expect(markdown.indexOf("example.org/settings/ssl")).toBeGreaterThan(markdown.indexOf("**example.org**"));
  });

  it("escapes markdown and HTML from user data", () => {
    const evil: Change = {
      kind: "dns-record",
      id: "example.com/dns/x/TXT/<img src=x onerror=alert(1)>",
      zone: "example.com",
      op: "create",
      fields: ["comment"],
      after: { comment: "```\n</details><script>alert(1)</script> @octocat" },
    };
    const markdown = renderMarkdown({
      plan: plan([evil]),
      policy: { results: [{ id: "p|x", level: "mandatory", status: "failed", violations: 1 }], violations: [{ policy: "p|x", level: "mandatory", resource: "a|b", message: "<b>bad</b> *x* @octocat", remediation: "[fix](http://evil)" }] },
    });
    const outsideCode = markdown.replace(/^(`{3,})diff\n[\s\S]*?\n\1$/gm, "");
    expect(outsideCode).not.toContain("<img");
    expect(outsideCode).not.toContain("<script>");
    expect(outsideCode).not.toContain("<b>bad</b>");
    expect(markdown).toContain("<code>example.com/dns/x/TXT/&lt;img src=x onerror=alert(1)&gt;</code>");
    expect(markdown).toContain("````diff"); // the data holds ``` so the fence is longer
    expect(markdown).toContain('+ comment: "```\\n</details><script>alert(1)</script> @octocat"');
    expect(markdown).toContain("| p\\|x | mandatory | ❌ failed | 1 |");
    expect(markdown).toContain("&lt;b&gt;bad&lt;/b&gt; \\*x\\* @\u200boctocat");
    expect(markdown).toContain("\\[fix\\]\\(http://evil\\)");
    expect(markdown).toContain("`a\\|b`");
  });

  it("escapes each character once, so quotes and entities stay readable", () => {
    const markdown = renderMarkdown({ plan: plan([]), diagnostics: [{ file: "a.yaml", line: 1, column: 1, severity: "warning", code: "x", message: "can't load 'p' #1 & <x>" }] });
    expect(markdown).toContain("| can't load 'p' \\#1 &amp; &lt;x&gt; |");
  });

  it("lists policy results and says when a mandatory failure blocks the apply", () => {
    const policy = {
      results: [
        { id: "no-mass-delete", level: "mandatory", status: "failed", violations: 1 },
        { id: "proxied-web", level: "advisory", status: "failed", violations: 2 },
        { id: "ttl-range", level: "advisory", status: "passed", violations: 0 },
      ],
      violations: [{ policy: "no-mass-delete", level: "mandatory", resource: "example.com", file: "desired-state/zones/example.com.yaml", line: 1, column: 1, message: "deletes 40 of 41 records", remediation: "restore the zone file" }],
      blocked: true,
    };
    const markdown = renderMarkdown({ plan: plan([www]), policy });
    expect(markdown).toContain("Policies: ✅ 1 passed · ❌ 1 mandatory failed · ⚠️ 1 advisory failed");
    expect(markdown).toContain("⛔ **Blocked by policy**");
    expect(markdown).toContain("| no-mass-delete | mandatory | ❌ failed | 1 |");
    expect(markdown).toContain("| proxied-web | advisory | ⚠️ failed | 2 |");
    expect(markdown).toContain("| no-mass-delete \\(mandatory\\) | `example.com` | deletes 40 of 41 records | restore the zone file | `desired-state/zones/example.com.yaml:1` |");
  });

  it("tolerates a policy report of an unexpected shape", () => {
    expect(() => renderMarkdown({ plan: plan([www]), policy: { results: "nope", violations: [null, 3] } })).not.toThrow();
    expect(renderMarkdown({ plan: plan([]), policy: 42 })).toContain("✅ **No changes**");
  });

  it("reports invalid desired state with its diagnostics", () => {
    const markdown = renderMarkdown({
      plan: plan([]),
      diagnostics: [{ file: "desired-state/zones/example.com.yaml", line: 4, column: 3, severity: "error", code: "schema", message: "ttl must be >= 60" }],
    });
    expect(markdown).toContain("❌ **The desired state is invalid** (1 error): nothing was planned.");
    expect(markdown).toContain("| `desired-state/zones/example.com.yaml:4:3` | error | `schema` | ttl must be &gt;= 60 |");
  });

  it("words a drift report from the live side", () => {
    const markdown = renderMarkdown({ plan: plan([www]) }, { mode: "drift" });
    expect(markdown).toContain("### cf-gitops drift report: stack `production`");
    expect(markdown).toContain("⚠️ **Drift: 1 resource differs**");
    expect(markdown).toContain("# - live in Cloudflare, + desired in git");
    expect(renderMarkdown({ plan: plan([]) }, { mode: "drift" })).toContain("✅ **No drift**");
  });

  it("truncates a plan of 5,000 changes under the comment limit and says how many are left out", () => {
    const changes = Array.from({ length: 5_000 }, (_, i): Change => ({ ...www, source: undefined, id: `example.com/dns/host${i}/A/203.0.113.10`, before: { ttl: 300 }, after: { ttl: 1 }, fields: ["ttl"] }));
    const markdown = renderMarkdown({ plan: plan(changes) });
    expect(markdown.length).toBeLessThanOrEqual(60_000);
    expect(markdown.length).toBeLessThan(githubCommentLimit);
    const shown = markdown.split("<details>").length - 1;
    expect(shown).toBeGreaterThan(100);
    expect(markdown).toContain(`**… and ${5_000 - shown} more changes (full plan in the job summary)**`);
    expect(markdown).toContain("| example.com | dns-record | 0 | 5000 | 0 | 0 |");

    const full = renderMarkdown({ plan: plan(changes) }, { maxChars: 1_000_000 });
    expect(full.split("<details>").length - 1).toBe(5_000);
    expect(full).not.toContain("more changes");
  });
});
