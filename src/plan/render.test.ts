import { describe, expect, it } from "vitest";
import { renderJson } from "./render-json.ts";
import { renderText } from "./render-text.ts";
import type { Plan } from "./types.ts";

const plan: Plan = {
  stack: "default",
  engine: "native",
  changes: [
    { kind: "dns-record", id: "example.com/dns/www/A/203.0.113.10", zone: "example.com", op: "update", fields: ["ttl"], before: { ttl: 300 }, after: { ttl: 1 }, source: { file: "desired-state/zones/example.com.yaml", line: 7, column: 5 } },
    { kind: "firewall-rule", id: "example.com/firewall/bots", zone: "example.com", op: "create", fields: ["ref", "action"], after: { ref: "bots", action: "block", enabled: true } },
    { kind: "tunnel-service", id: "services/grafana", op: "delete", fields: ["hostname"], before: { hostname: "grafana.example.com" } },
  ],
};

describe("plan renderers", () => {
  it("renders text grouped by zone with markers and field changes", () => {
    const text = renderText(plan);
    expect(text).toContain("example.com\n  ~ dns-record dns/www/A/203.0.113.10  (desired-state/zones/example.com.yaml:7:5)\n      ttl: 300 -> auto\n  + firewall-rule firewall/bots");
    expect(text).toContain("  + firewall-rule firewall/bots\n      action=\"block\" enabled=true\n");
    expect(text).toContain("services\n  - tunnel-service services/grafana\n      hostname=\"grafana.example.com\"");
    expect(text).toContain("Plan: 1 to create, 1 to update, 1 to delete.");
    expect(renderText({ ...plan, changes: [] }, { mode: "drift" })).toContain("No drift");
  });

  it("shows a created record's content unless its id carries it", () => {
    const created = (id: string) => renderText({ ...plan, changes: [{ kind: "dns-record", id, zone: "example.com", op: "create", fields: [], after: { name: "www.example.com", type: "A", ttl: 1, content: "203.0.113.10" } }] });
    expect(created("example.com/dns/www/A")).toContain('  + dns-record dns/www/A\n      ttl=auto content="203.0.113.10"\n');
    expect(created("example.com/dns/www/A/203.0.113.10")).toContain("  + dns-record dns/www/A/203.0.113.10\n      ttl=auto\n");
  });

  it("names the profile a change comes from, in text, markdown and JSON, each zone in its group", async () => {
    const { renderMarkdown } = await import("./render-markdown.ts");
    const source = { file: "desired-state/profiles/google-mail.yaml", line: 6, column: 5, profile: "google-mail" };
    const txt = (zone: string): Plan["changes"][number] => ({ kind: "dns-record", id: `${zone}/dns/_dmarc/TXT`, zone, op: "update", fields: ["content"], before: { content: "v=DMARC1; p=none" }, after: { content: "v=DMARC1; p=quarantine" }, source });
    const fromProfile: Plan = { ...plan, changes: [txt("example.net"), txt("example.org")] };
    const text = renderText(fromProfile);
    expect(text).toContain("example.net\n  ~ dns-record dns/_dmarc/TXT  (desired-state/profiles/google-mail.yaml:6:5, from profile google-mail)\n");
    expect(text).toContain("example.org\n  ~ dns-record dns/_dmarc/TXT  (desired-state/profiles/google-mail.yaml:6:5, from profile google-mail)\n");
    const markdown = renderMarkdown({ plan: fromProfile });
    expect(markdown).toContain("**example.net**");
    expect(markdown).toContain(" · desired-state/profiles/google-mail.yaml:6 · from profile google-mail");
    const doc = JSON.parse(renderJson(fromProfile)) as { changes: { source: unknown }[] };
    expect(doc.changes[0]!.source).toEqual(source);
  });

  it("renders the JSON contract", () => {
    const doc = JSON.parse(renderJson(plan, { policy: { blocked: false } })) as Record<string, unknown>;
    expect(doc.summary).toEqual({ create: 1, update: 1, delete: 1, replace: 0, import: 0 });
    expect(doc.diagnostics).toEqual([]);
    expect(doc.policy).toEqual({ blocked: false });
    expect((doc.changes as { kind: string; id: string; op: string; fields: string[] }[])[0]).toMatchObject({ kind: "dns-record", op: "update", fields: ["ttl"], zone: "example.com" });
  });
});
