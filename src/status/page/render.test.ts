import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openHistory } from "../../history/store.ts";
import { buildStatusModel } from "../model.ts";
import { hostileComment, seedHistory } from "../test-fixtures.ts";
import { escapeHtml, html } from "./html.ts";
import { pageCsp, renderStatusPage } from "./render.ts";
import { writeStaticSite } from "./static-site.ts";

function model() {
  const history = openHistory(":memory:");
  seedHistory(history);
  const built = buildStatusModel(history, {
    stacks: [{ name: "prod", branch: "main", engine: "native", nextChecks: [{ kind: "drift", at: "2026-11-25T10:30:00Z" }] }],
    certificates: [
      { hostname: "www.example.com", validTo: "2026-12-01T00:00:00Z", issuer: "Test CA", checkedAt: "2026-11-25T10:00:00Z" },
      { hostname: "<b>bad</b>.example.com", checkedAt: "2026-11-25T10:00:00Z", error: "connect ECONNREFUSED" },
    ],
    now: new Date("2026-11-25T10:20:00Z"),
  });
  history.close();
  return built;
}

describe("html", () => {
  it("escapes every interpolation unless it is markup built by html``", () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\``)).toBe("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;");
    const inner = html`<b>${"<i>"}</b>`;
    expect(html`<p>${inner}${["<s>", inner]}${undefined}${false}${0}</p>`.value).toBe("<p><b>&lt;i&gt;</b>&lt;s&gt;<b>&lt;i&gt;</b>0</p>");
  });
});

describe("renderStatusPage", () => {
  const page = renderStatusPage(model(), { live: true });

  it("shows hostile repository strings as text, never as markup", () => {
    expect(page).not.toContain(hostileComment);
    expect(page).not.toContain("<b>bad</b>");
    expect(page).toContain(escapeHtml(hostileComment));
    // The only <script> is the live-update script; the only <img> would be an injection.
    expect(page.match(/<script/g)).toHaveLength(1);
    expect(page).not.toMatch(/<img/i);
  });

  it("shows the applied commit, last run, schedule, drift field by field, policy, runs and certificates", () => {
    expect(page).toContain(">1a2b3c4</code>");
    expect(page).toContain("Ada &lt;ada@example.com&gt;");
    expect(page).toMatch(/Last run<\/dt><dd><span class="badge tone-ok" data-status="success">.*drift run #3, took 3\.0 s/s);
    expect(page).toMatch(/drift <time datetime="2026-11-25T10:30:00Z"[^>]*>in 10 min<\/time>/);
    expect(page).toContain("2 drifted");
    expect(page).toMatch(/<td><code>ttl<\/code><\/td><td class="live"><code>300<\/code><\/td><td class="git"><code>1<\/code><\/td>/);
    expect(page).toContain("not in git");
    expect(page).toMatch(/ttl-range<\/code><\/th><td>advisory<\/td><td><span class="badge tone-bad"/);
    expect(page).toContain("desired-state/zones/example.com.yaml:4:3: bad indentation (yaml-syntax)");
    expect(page.match(/<tr class="run"/g)).toHaveLength(3);
    expect(page).toMatch(/www\.example\.com<\/code><\/th>\s*<td>2026-12-01 00:00:00 UTC<\/td><td>5<\/td>\s*<td><span class="badge tone-warn"[^>]*><span aria-hidden="true">⚠<\/span> expiring soon/);
  });

  it("pairs every badge colour with a text label", () => {
    const badges = [...page.matchAll(/<span class="badge [^"]+"[^>]*><span aria-hidden="true">[^<]*<\/span> ([^<]*)<\/span>/g)];
    expect(badges.length).toBeGreaterThan(8);
    for (const [, label] of badges) expect(label?.trim().length).toBeGreaterThan(1);
    expect(page.match(/class="badge /g)?.length).toBe(badges.length);
  });

  it("allows its inline style and script by hash in the CSP", () => {
    expect(pageCsp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(pageCsp).not.toMatch(/unsafe-inline|\*/);
    expect(renderStatusPage(model(), { live: false })).not.toContain("<script");
  });
});

describe("writeStaticSite", () => {
  it("writes index.html and status.json, replacing old ones and leaving no temporary files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cfg-site-"));
    try {
      const built = model();
      await writeStaticSite(join(dir, "public"), built);
      await writeStaticSite(join(dir, "public"), { ...built, title: "second" });
      expect(readdirSync(join(dir, "public")).sort()).toEqual(["index.html", "status.json"]);
      expect(JSON.parse(readFileSync(join(dir, "public", "status.json"), "utf8")).title).toBe("second");
      const page = readFileSync(join(dir, "public", "index.html"), "utf8");
      expect(page).toContain("<h1>second</h1>");
      expect(page).not.toContain(hostileComment);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("drift after a successful apply", () => {
  it("is shown as resolved, without the drifted badge", () => {
    const history = openHistory(":memory:");
    seedHistory(history);
    const apply = history.startRun({ stack: "prod", kind: "apply", trigger: "manual" });
    history.finishRun(apply, { result: "success" });
    const built = buildStatusModel(history);
    history.close();
    expect(built.stacks[0]?.drift).toMatchObject({ runId: 3, resolvedByRunId: apply });
    const page = renderStatusPage(built);
    expect(page).toContain(`Apply run #${apply} finished after this check`);
    expect(page).not.toContain("2 drifted</span></h2>");
  });
});

describe("stylesheet contrast", () => {
  function luminance(hex: string): number {
    const channels = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16) / 255);
    const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  function ratio(a: string, b: string): number {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (light + 0.05) / (dark + 0.05);
  }

  it("gives every coloured badge and drift cell WCAG AA contrast (4.5:1)", async () => {
    const { stylesheet } = await import("./style.ts");
    const pairs = [...stylesheet.matchAll(/\{ background: (#[0-9a-f]{6}); color: (#[0-9a-f]{6});/g)];
    expect(pairs.length).toBeGreaterThanOrEqual(7);
    for (const [rule, background, color] of pairs) expect(ratio(background!, color!), rule).toBeGreaterThanOrEqual(4.5);
  });
});

describe("long runs", () => {
  it("keeps the page small: at most changeLimit changes per run, with a link to the full run", () => {
    const history = openHistory(":memory:");
    const id = history.startRun({ stack: "big", kind: "apply", trigger: "startup" });
    history.recordChanges(id, Array.from({ length: 250 }, (_, index) => ({ kind: "dns-record", id: `example.com/dns/r${index}/A/192.0.2.1`, op: "create", fields: ["content"] })));
    history.finishRun(id, { result: "success" });
    const built = buildStatusModel(history, { changeLimit: 100 });
    history.close();
    expect(built.stacks[0]?.runs[0]).toMatchObject({ omittedChanges: 150 });
    expect(built.stacks[0]?.runs[0]?.changes).toHaveLength(100);
    const page = renderStatusPage(built);
    expect(page).toContain("<summary>250 changes</summary>");
    expect(page).toContain(`… and 150 more changes: <a href="api/runs/${id}">`);
    expect(page).not.toContain("example.com/dns/r100/");
  });
});

describe("the overview of many stacks", () => {
  function twoStacks() {
    const history = openHistory(":memory:");
    const home = history.startRun({ stack: "home", kind: "apply", trigger: "startup" });
    history.finishRun(home, { result: "success" });
    const work = history.startRun({ stack: "work", kind: "apply", trigger: "webhook" });
    history.finishRun(work, { result: "failure", error: "commit 1a2b3c4 has invalid desired state; <script>nothing</script> was applied" });
    const built = buildStatusModel(history, {
      stacks: [{ name: "home", nextChecks: [{ kind: "drift", at: "2026-11-25T10:30:00Z" }] }, { name: "work" }, { name: "lab" }],
      source: { branch: "main", head: "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d", fetchedAt: "2026-11-25T10:19:00Z", error: "could not fetch main from https://git.example/repo.git: timeout", errorAt: "2026-11-25T10:19:30Z" },
      now: new Date("2026-11-25T10:20:00Z"),
    });
    history.close();
    return built;
  }

  it("lists every stack first, with its state and why it is unhealthy, linking to its section", () => {
    const page = renderStatusPage(twoStacks());
    const overview = /<section class="overview"[\s\S]*?<\/section>/.exec(page)?.[0] ?? "";
    expect(overview).toMatch(/<tr data-stack="home" data-state="in sync">\s*<th scope="row"><a href="#stack-home">home<\/a><\/th>/);
    expect(overview).toMatch(/<tr data-stack="work" data-state="failing">[\s\S]*?has invalid desired state; &lt;script&gt;nothing&lt;\/script&gt; was applied/);
    expect(overview).toMatch(/<tr data-stack="lab" data-state="pending">[\s\S]*?no run yet/);
    expect(overview).toContain("Could not fetch the repository");
    expect(overview).toContain(">1a2b3c4</code>");
    expect(page.indexOf('class="overview"')).toBeLessThan(page.indexOf('id="stack-home"'));
    expect(page).toContain('id="stack-work"');
    expect(page).not.toContain("<script>nothing");
  });
});
