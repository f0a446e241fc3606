// The status page in real Chromium: runs render, drift is highlighted, hostile strings stay text, new
// runs appear live with a notice; the timeline is a real SVG with a text alternative; axe-core finds
// no serious or critical violation; screenshots at 375 and 1280 px land in test-output/.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHistory, type HistoryStore } from "../src/history/store.ts";
import { createMetrics } from "../src/status/metrics.ts";
import { buildStatusModel } from "../src/status/model.ts";
import { createStatusServer, type StatusServer } from "../src/status/server.ts";
import { hostileComment, seedHistory, seedTimeline, timelineDays } from "../src/status/test-fixtures.ts";
import { launchChromium } from "./support/browser.ts";

// The few browser globals used inside page.evaluate (the project's tsconfig has no DOM lib).
interface Browser {
  getComputedStyle(element: unknown): { backgroundColor: string };
  sameDocument?: boolean;
}

const screenshot = resolve("test-output/status-page.png");
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let dir: string;
let history: HistoryStore;
let status: StatusServer;
let context: BrowserContext;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cfg-page-"));
  history = openHistory(join(dir, "history.sqlite"));
  seedHistory(history);
  seedTimeline(history, new Date(), "edge");
  status = await createStatusServer({
    metrics: createMetrics({ defaultMetrics: false }),
    history,
    getStatus: () => buildStatusModel(history, {
      stacks: [{ name: "prod", branch: "main", engine: "native", nextChecks: [{ kind: "drift", at: new Date(Date.now() + 600_000).toISOString() }] }, { name: "edge", branch: "main" }],
      certificates: [{ hostname: "www.example.com", validTo: new Date(Date.now() + 40 * 86_400_000).toISOString(), issuer: "Test CA", checkedAt: new Date().toISOString() }],
    }),
  });
  // A system Chromium, or the one in the npm package: this test runs everywhere and never skips.
  ({ context } = await launchChromium(join(dir, "profile")));
}, 60_000);

afterAll(async () => {
  await context?.close();
  await status?.close();
  history?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("status page in Chromium", () => {
  it("renders runs and drift, keeps hostile text inert, and shows a new run without a reload", async () => {
    const page = await context.newPage();
    const dialogs: string[] = [];
    const cspViolations: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.goto(status.url);

    // The runs render, newest first.
    await expect.poll(() => page.locator("#stack-prod tr.run").count()).toBe(3);
    expect(await page.locator("#stack-prod tr.run > th").allTextContents()).toEqual(["#3", "#2", "#1"]);
    expect(await page.locator("#stack-prod tr.run").nth(1).locator("> td > .badge").textContent()).toContain("failure");

    // Drift is highlighted: a labelled badge, and the live value cell is coloured.
    expect(await page.locator("#stack-prod h2 .badge[data-status=drift]").textContent()).toContain("2 drifted");
    const liveCell = page.locator("table.drift td.live").first();
    expect(await liveCell.textContent()).toBe("300");
    const background = await liveCell.evaluate((cell) => (globalThis as unknown as Browser).getComputedStyle(cell).backgroundColor);
    expect(background).not.toBe("rgba(0, 0, 0, 0)");

    // The hostile comment is text, not an element, and nothing ran.
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.getByText(hostileComment, { exact: false }).count()).toBeGreaterThan(0);
    expect(await page.locator("table.drift").first().textContent()).toContain(hostileComment);

    // Live: wait for the SSE connection, record a run, broadcast it, and watch it appear in the same document.
    await expect.poll(() => page.locator("#live-status").textContent(), { timeout: 10_000 }).toBe("Live updates on");
    await page.evaluate(() => Object.assign(globalThis, { sameDocument: true }));
    const id = history.startRun({ stack: "prod", kind: "apply", trigger: "manual", branch: "main" });
    history.setCommit(id, { commit: "3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f", author: "Eve", message: `Live ${hostileComment}` });
    history.finishRun(id, { result: "blocked", error: "a mandatory policy failed on the desired state; nothing was applied" });
    status.broadcast({ type: "run", data: { id } });
    await expect.poll(() => page.locator(`tr.run[data-run-id="${id}"]`).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.evaluate(() => (globalThis as unknown as Browser).sameDocument)).toBe(true);
    expect(await page.locator(`tr.run[data-run-id="${id}"] .commit-message`).textContent()).toBe(`Live ${hostileComment}`);
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("#live-status").textContent()).toMatch(/^Live: updated/);

    mkdirSync("test-output", { recursive: true });
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`status page screenshot: ${screenshot}`);
    expect(statSync(screenshot).size).toBeGreaterThan(10_000);
    expect(dialogs).toEqual([]);
    expect(cspViolations).toEqual([]);
  }, 60_000);
  it("draws the timeline as a well-formed SVG whose bars match history, with an accessible name and summary", async () => {
    const page = await context.newPage();
    await page.goto(status.url);
    const svg = page.locator("#stack-edge svg.timeline");
    // Its accessible name comes from its <title>: what a screen reader announces.
    expect(await page.getByRole("img", { name: "Runs, failures and drift per day, last 30 days" }).count()).toBe(2);
    const parsed = await svg.evaluate((element) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the browser's DOM (no DOM lib in tsconfig)
      type Any = any;
      const doc = new (globalThis as unknown as { DOMParser: new () => { parseFromString(text: string, type: string): Any } }).DOMParser()
        .parseFromString((element as unknown as { outerHTML: string }).outerHTML, "image/svg+xml");
      const all = (selector: string) => [...doc.querySelectorAll(selector)] as Any[];
      return {
        errors: all("parsererror").length,
        days: all("g.day").map((g) => ({ day: String(g.getAttribute("data-day")), runs: Number(g.getAttribute("data-runs")), failures: Number(g.getAttribute("data-failures")), drift: Number(g.getAttribute("data-drift")) })),
        failureBars: all("rect.failures").length,
        driftBars: all("rect.drift").length,
        desc: String(doc.querySelector("desc")?.textContent ?? ""),
      };
    });
    const inRange = timelineDays.filter((day) => day.ago < 30);
    expect(parsed.errors).toBe(0);
    expect(parsed.days).toHaveLength(30);
    expect(parsed.days.filter((day) => day.runs > 0)).toHaveLength(inRange.length);
    expect(parsed.days.at(-1)).toMatchObject({ runs: 3, failures: 1, drift: 0 });
    expect(parsed.failureBars).toBe(inRange.filter((day) => day.failures > 0).length);
    expect(parsed.driftBars).toBe(inRange.filter((day) => day.drift > 0).length);
    expect(parsed.desc).toMatch(/13 runs, 4 failed or blocked, on 3 days; drift found on 3 days, at most 4 resources\.$/);
    // Failed runs are drawn in another colour than the others, and drift in a third.
    const fills = await page.evaluate(() => {
      const view = globalThis as unknown as { document: { querySelector(selector: string): unknown }; getComputedStyle(element: unknown): { fill: string } };
      const fill = (selector: string) => view.getComputedStyle(view.document.querySelector(selector)).fill;
      return { runs: fill("#stack-edge rect.runs"), failures: fill("#stack-edge rect.failures"), drift: fill("#stack-edge rect.drift") };
    });
    expect(new Set(Object.values(fills)).size).toBe(3);
    // The same figures as a table.
    await page.locator("#stack-edge details.timeline-table summary").click();
    expect(await page.locator("#stack-edge details.timeline-table tbody tr").count()).toBe(30);
    await page.close();
  }, 60_000);

  it("shows a notice when a run starts and ends, in a role=status region, as text", async () => {
    const page = await context.newPage();
    await page.goto(status.url);
    await expect.poll(() => page.locator("#live-status").textContent(), { timeout: 10_000 }).toBe("Live updates on");
    const region = page.locator("#run-notices");
    expect(await region.getAttribute("role")).toBe("status");
    expect(await region.getAttribute("aria-live")).toBe("polite");
    status.broadcast({ type: "run-started", data: { id: 991, kind: "drift", stack: "edge" } });
    await expect.poll(() => region.locator(".toast").allTextContents(), { timeout: 10_000 }).toEqual(["Started: drift run #991 of edge"]);
    status.broadcast({ type: "run", data: { id: 991, kind: "drift", stack: hostileComment, result: "failure" } });
    await expect.poll(() => region.locator(".toast").count(), { timeout: 10_000 }).toBe(2);
    expect(await region.locator(".toast").nth(1).textContent()).toBe(`Finished: drift run #991 of ${hostileComment} — failure`);
    expect(await region.locator(".toast.toast-problem").count()).toBe(1);
    expect(await page.locator("img").count()).toBe(0);
    await page.close();
  }, 60_000);

  interface AxeViolation {
    id: string;
    impact: string;
    help: string;
    nodes: string[];
  }

  async function axeCheck(page: Page): Promise<AxeViolation[]> {
    await page.evaluate(axeSource); // by the DevTools protocol: the page's CSP does not apply to it
    const result = await page.evaluate(async () => {
      type Result = { id: string; impact: string; help: string; nodes: { target: string[] }[] };
      const view = globalThis as unknown as { document: unknown; axe: { run(context: unknown, options: unknown): Promise<{ violations: Result[]; passes: Result[] }> } };
      return view.axe.run(view.document, { resultTypes: ["violations"] });
    });
    // axe really looked: contrast, names of the SVG and tables, landmarks.
    expect(result.passes.map((rule) => rule.id)).toEqual(expect.arrayContaining(["color-contrast", "svg-img-alt", "th-has-data-cells", "aria-allowed-role"]));
    return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, nodes: violation.nodes.slice(0, 5).map((node) => node.target.join(" ")) }));
  }

  for (const width of [375, 1280]) {
    it(`at ${width} px: no serious or critical axe-core violation, no sideways scrolling, and a screenshot in test-output/`, async () => {
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 900 });
      await page.goto(status.url);
      await expect.poll(() => page.locator("#live-status").textContent(), { timeout: 10_000 }).toBe("Live updates on");
      status.broadcast({ type: "run-started", data: { id: 992, kind: "apply", stack: "prod" } });
      await expect.poll(() => page.locator("#run-notices .toast").count(), { timeout: 10_000 }).toBeGreaterThan(0);
      await page.locator("#stack-edge details.timeline-table summary").click();

      const violations = await axeCheck(page);
      const serious = violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
      if (serious.length > 0) console.log(`axe-core at ${width} px:\n${JSON.stringify(serious, null, 2)}`);
      expect(serious).toEqual([]);
      console.log(`axe-core at ${width} px: ${violations.length} minor or moderate (${violations.map((violation) => violation.id).join(", ") || "none"})`);

      const { scrollWidth, wide } = await page.evaluate((limit) => {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the browser's DOM (no DOM lib in tsconfig)
        const doc = (globalThis as any).document;
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const over = [...doc.querySelectorAll("body *")].filter((element: any) => element.checkVisibility() && element.getBoundingClientRect().right > limit + 0.5)
          // eslint-disable-next-line @typescript-eslint/no-explicit-any
          .slice(0, 8).map((element: any) => `${String(element.tagName).toLowerCase()}.${String(element.className)} right=${Math.round(element.getBoundingClientRect().right)}: ${String(element.textContent).slice(0, 60)}`);
        return { scrollWidth: Number(doc.documentElement.scrollWidth), wide: over as string[] };
      }, width);
      expect(wide, "elements wider than the screen").toEqual([]);
      expect(scrollWidth).toBeLessThanOrEqual(width);
      mkdirSync("test-output", { recursive: true });
      const file = resolve(`test-output/status-page-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      const png = readFileSync(file);
      expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
      expect(png.readUInt32BE(16)).toBe(width); // IHDR width
      console.log(`status page screenshot at ${width} px: ${file} (${png.readUInt32BE(16)}x${png.readUInt32BE(20)})`);
      await page.close();
    }, 90_000);
  }

  it("behind CFGITOPS_READ_TOKEN: 401 without credentials, and with HTTP Basic the page, its live updates and notices work", async () => {
    const readToken = "read-token-for-the-browser-0123456789abcdef";
    const guarded = await createStatusServer({
      metrics: createMetrics({ defaultMetrics: false }), history, readAccess: { readToken },
      getStatus: () => buildStatusModel(history, { stacks: [{ name: "prod" }] }),
    });
    const page = await context.newPage();
    try {
      const refused = await page.goto(guarded.url);
      expect(refused?.status()).toBe(401);
      expect(await page.content()).not.toContain("Stack <span");
      await context.setHTTPCredentials({ username: "viewer", password: readToken });
      const allowed = await page.goto(guarded.url);
      expect(allowed?.status()).toBe(200);
      await expect.poll(() => page.locator("#live-status").textContent(), { timeout: 10_000 }).toBe("Live updates on");
      guarded.broadcast({ type: "run-started", data: { id: 993, kind: "apply", stack: "prod" } });
      await expect.poll(() => page.locator("#run-notices .toast").allTextContents(), { timeout: 10_000 }).toEqual(["Started: apply run #993 of prod"]);
      // The page refresh that follows the event went through too.
      await expect.poll(() => page.locator("#live-status").textContent(), { timeout: 10_000 }).toMatch(/^Live: updated/);
    } finally {
      await context.setHTTPCredentials(null);
      await page.close();
      await guarded.close();
    }
  }, 60_000);
});
