// The timeline, inventory and policy sections, rendered from a real history.
import { describe, expect, it } from "vitest";
import { openHistory } from "../../history/store.ts";
import { buildStatusModel } from "../model.ts";
import { hostileComment, seedHistory, seedTimeline, timelineDays } from "../test-fixtures.ts";
import { renderStatusPage } from "./render.ts";

const now = new Date("2026-11-28T12:00:00Z");

function render(seed: (history: ReturnType<typeof openHistory>) => void, stack = "prod") {
  const history = openHistory(":memory:");
  seed(history);
  const model = buildStatusModel(history, { stacks: [{ name: stack }], now });
  history.close();
  return { model, page: renderStatusPage(model, { live: true }) };
}

function svgOf(page: string): string {
  return /<svg class="timeline"[\s\S]*?<\/svg>/.exec(page)?.[0] ?? "";
}

describe("timeline", () => {
  const { model, page } = render((history) => seedTimeline(history, now));
  const svg = svgOf(page);
  const inRange = timelineDays.filter((day) => day.ago < 30);

  it("has one bar group per day of the last 30, with the fixture's runs, failures and drift", () => {
    const groups = [...svg.matchAll(/<g class="day" data-day="([\d-]+)" data-runs="(\d+)" data-failures="(\d+)" data-drift="(\d+)">/g)];
    expect(groups).toHaveLength(30);
    expect(groups[29]?.[1]).toBe("2026-11-28");
    expect(groups[0]?.[1]).toBe("2026-10-30");
    for (const day of inRange) {
      const group = groups[29 - day.ago];
      expect(group?.slice(2).map(Number), `${day.ago} days ago`).toEqual([day.runs, day.failures, day.drift]);
    }
    expect(model.stacks[0]?.activity.reduce((sum, day) => sum + day.runs, 0)).toBe(inRange.reduce((sum, day) => sum + day.runs, 0));
  });

  it("draws failures apart from the other runs (their own striped bars), and drift in its own strip", () => {
    const failureBars = [...svg.matchAll(/<rect class="failures" fill="url\(#([^)]+)\)"/g)];
    expect(failureBars).toHaveLength(inRange.filter((day) => day.failures > 0).length);
    expect(svg).toContain(`<pattern id="${failureBars[0]?.[1]}"`);
    // The day with only a failed run has no plain bar.
    expect(svg.match(/<rect class="runs"/g)).toHaveLength(inRange.filter((day) => day.runs > day.failures).length);
    expect(svg.match(/<rect class="drift"/g)).toHaveLength(inRange.filter((day) => day.drift > 0).length);
    expect(svg.match(/<rect class="checked"/g)).toHaveLength(inRange.filter((day) => day.drift === 0 && day.checks > 0).length);
  });

  it("has a text alternative: a title and summary on the SVG, a tooltip per day and the figures as a table", () => {
    expect(svg).toMatch(/<svg [^>]*role="img" aria-labelledby="stack-prod-timeline-svg-title stack-prod-timeline-svg-desc"/);
    expect(svg).toContain('<title id="stack-prod-timeline-svg-title">Runs, failures and drift per day, last 30 days</title>');
    expect(svg).toContain("<desc id=\"stack-prod-timeline-svg-desc\">From 30 Oct to 28 Nov (UTC): 13 runs, 4 failed or blocked, on 3 days; drift found on 3 days, at most 4 resources.</desc>");
    expect(svg).toContain("<title>21 Nov: 4 runs, 2 failed or blocked, 4 resources drifted</title>");
    expect(svg).toContain("<title>24 Nov: 1 run, 0 failed or blocked, no drift</title>");
    const table = /<details class="timeline-table">[\s\S]*?<\/details>/.exec(page)?.[0] ?? "";
    expect(table.match(/<tr><th scope="row">/g)).toHaveLength(30);
    expect(table).toMatch(/2026-11-21<\/time><\/th><td>4<\/td><td>2<\/td>\s*<td>4<\/td>/);
    expect(table).toMatch(/2026-11-15<\/time><\/th><td>1<\/td><td>1<\/td>\s*<td>no check<\/td>/);
  });

  it("is drawn with no script and no style attribute (the CSP allows neither inline)", () => {
    expect(svg).not.toMatch(/<script|style=|on[a-z]+=/i);
  });
});

describe("inventory", () => {
  it("counts resources by kind per zone from the last successful apply, and says when each zone last changed", () => {
    const { page } = render((history) => seedHistory(history));
    const table = /<table class="inventory"[\s\S]*?<\/table>/.exec(page)?.[0] ?? "";
    expect(table).toContain("as declared in git at the last successful apply (run #1");
    const com = /<tr data-zone="example\.com">[\s\S]*?<\/tr>/.exec(table)?.[0] ?? "";
    expect(com).toContain('<li data-kind="dns-record"><span class="kind">dns-record</span> <strong>3</strong></li>');
    expect(com).toContain('<li data-kind="firewall-rule"><span class="kind">firewall-rule</span> <strong>1</strong></li>');
    expect(com).toMatch(/<td>4<\/td><td><time datetime="2026-11-25T10:00:04\.200Z"[^>]*>3 d ago<\/time>, run #1 at <code[^>]*>1a2b3c4<\/code> by <span class="author">Ada &lt;ada@example.com&gt;<\/span>/);
    const org = /<tr data-zone="example\.org">[\s\S]*?<\/tr>/.exec(table)?.[0] ?? "";
    expect(org).toContain("<td>2</td><td>no applied change within retention</td>");
  });

  it("says so when nothing has been applied", () => {
    const { page } = render(() => undefined);
    expect(page).toContain("No successful apply has recorded an inventory yet.");
  });
});

describe("policy details", () => {
  it("shows every violation with its resource, location and fix, and the reason of a load error", () => {
    const { page } = render((history) => {
      const id = history.startRun({ stack: "prod", kind: "apply", trigger: "poll", startedAt: now });
      history.recordPolicyResults(id, [
        { policy: "caa-present", level: "mandatory", status: "failed", violations: [
          { policy: "caa-present", level: "mandatory", resource: "example.com/dns/@/CAA", file: "desired-state/zones/example.com.yaml", line: 3, column: 1, message: `zone has no CAA ${hostileComment}`, remediation: "add a CAA record" },
          { policy: "caa-present", level: "mandatory", resource: "example.org", message: "zone has no CAA", remediation: "" },
        ] },
        { policy: "broken", level: "mandatory", status: "error", message: "cannot load custom policy: SyntaxError: Unexpected token" },
        { policy: "silent", level: "advisory", status: "error" },
      ]);
      history.finishRun(id, { result: "blocked", finishedAt: now });
    });
    const row = (policy: string) => new RegExp(`<code>${policy}</code></th>[\\s\\S]*?</tr>`).exec(page)?.[0] ?? "";
    expect(row("caa-present")).toContain("<summary>2 violations</summary>");
    expect(row("caa-present")).toContain("<li><code>example.com/dns/@/CAA</code>: zone has no CAA &lt;img src=x onerror=alert(1)&gt; <small>(desired-state/zones/example.com.yaml:3:1)</small><br><span class=\"note\">Fix: add a CAA record</span></li>");
    expect(row("caa-present")).toContain("<li><code>example.org</code>: zone has no CAA</li>");
    expect(row("broken")).toContain('<p class="error-text">cannot load custom policy: SyntaxError: Unexpected token</p>');
    expect(row("silent")).toContain("the policy could not load or run; no reason was recorded");
    expect(page).not.toContain(hostileComment);
  });
});
