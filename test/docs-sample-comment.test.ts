// The sample pull-request comment in README.md and docs/pull-requests.md is what the renderer makes
// of the shipped example today (issue 23: it had gone stale). `node scripts/render-sample-comment.ts
// --write` regenerates both.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderSampleComment, sampleDocs, sampleIn } from "../scripts/render-sample-comment.ts";
import { repoRoot } from "./support/markdown.ts";

describe("the sample pull-request comment in the docs", () => {
  it("is current in every doc that shows it", async () => {
    const rendered = await renderSampleComment();
    expect(rendered).toMatch(/^<!-- cf-gitops:plan stack=default -->\n### cf-gitops plan/);
    for (const file of sampleDocs) {
      const shown = sampleIn(readFileSync(join(repoRoot, file), "utf8"));
      expect(shown, `${file} has no sample markers`).toBeDefined();
      expect(shown, `${file}: run node scripts/render-sample-comment.ts --write`).toBe(rendered);
    }
  }, 30_000);
});
