// The status page in real Chromium: runs render, drift is highlighted, hostile strings stay text, new runs appear live.
import { mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHistory, type HistoryStore } from "../src/history/store.ts";
import { createMetrics } from "../src/status/metrics.ts";
import { buildStatusModel } from "../src/status/model.ts";
import { createStatusServer, type StatusServer } from "../src/status/server.ts";
import { hostileComment, seedHistory } from "../src/status/test-fixtures.ts";
import { launchChromium } from "./support/browser.ts";

// The few browser globals used inside page.evaluate (the project's tsconfig has no DOM lib).
interface Browser {
  getComputedStyle(element: unknown): { backgroundColor: string };
  sameDocument?: boolean;
}

const screenshot = resolve("test-output/status-page.png");

let dir: string;
let history: HistoryStore;
let status: StatusServer;
let context: BrowserContext;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cfg-page-"));
  history = openHistory(join(dir, "history.sqlite"));
  seedHistory(history);
  status = await createStatusServer({
    metrics: createMetrics({ defaultMetrics: false }),
    history,
    getStatus: () => buildStatusModel(history, {
      stacks: [{ name: "prod", branch: "main", engine: "native", nextChecks: [{ kind: "drift", at: new Date(Date.now() + 600_000).toISOString() }] }],
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
    await expect.poll(() => page.locator("tr.run").count()).toBe(3);
    expect(await page.locator("tr.run > th").allTextContents()).toEqual(["#3", "#2", "#1"]);
    expect(await page.locator("tr.run").nth(1).locator("> td > .badge").textContent()).toContain("failure");

    // Drift is highlighted: a labelled badge, and the live value cell is coloured.
    expect(await page.locator("h2 .badge[data-status=drift]").textContent()).toContain("2 drifted");
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
});
