import { describe, expect, it } from "vitest";
import { arrayChanges } from "./array-diff.ts";
import { renderJson } from "./render-json.ts";
import { renderMarkdown } from "./render-markdown.ts";
import { renderText } from "./render-text.ts";
import type { Plan } from "./types.ts";

const items = (...ips: string[]) => ips.map((ip) => ({ ip }));

const plan: Plan = {
  stack: "default",
  engine: "native",
  changes: [
    { kind: "list", id: "lists/office_ips", op: "update", fields: ["items"], before: { name: "office_ips", kind: "ip", items: items("192.0.2.1", "192.0.2.99") }, after: { name: "office_ips", kind: "ip", items: items("192.0.2.1", "198.51.100.7") } },
    { kind: "rate-limit-rule", id: "example.com/rate_limits/login", zone: "example.com", op: "update", fields: ["period"], before: { ref: "login", period: 60 }, after: { ref: "login", period: 120 } },
  ],
};

describe("list fields in plans", () => {
  it("gives the elements that go and come when both sides share some, else nothing", () => {
    expect(arrayChanges(items("a", "b"), items("a", "c"))).toEqual({ removed: items("b"), added: items("c") });
    expect(arrayChanges(items("a"), items("b"))).toBeUndefined(); // nothing shared: both lists say it better
    expect(arrayChanges(items("a"), items("a"))).toBeUndefined();
    expect(arrayChanges("x", items("a"))).toBeUndefined();
  });

  it("renders a list's items element by element in text and markdown, and whole in JSON", () => {
    const text = renderText(plan, { mode: "drift" });
    expect(text).toContain('account lists\n  ~ list lists/office_ips\n      items: - {"ip":"192.0.2.99"}\n      items: + {"ip":"198.51.100.7"}\n');
    expect(text).toContain("  ~ rate-limit-rule rate_limits/login\n      period: 60 -> 120\n");
    const markdown = renderMarkdown({ plan }, { mode: "drift" });
    expect(markdown).toContain('- items[]: {"ip":"192.0.2.99"}\n+ items[]: {"ip":"198.51.100.7"}');
    expect(markdown).toContain("- period: 60\n+ period: 120");
    const json = JSON.parse(renderJson(plan)) as { changes: { id: string; fields: string[]; before: { items: unknown[] } }[] };
    expect(json.changes[0]).toMatchObject({ id: "lists/office_ips", fields: ["items"], before: { items: items("192.0.2.1", "192.0.2.99") } });
  });
});
