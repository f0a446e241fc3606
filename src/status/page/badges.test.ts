import { describe, expect, it } from "vitest";
import { badge } from "./badges.ts";

describe("badge", () => {
  it.each([
    ["passed", "tone-ok", "✔"],
    ["failed", "tone-bad", "✖"],
    ["disabled", "tone-muted", "–"],
    ["error", "tone-bad", "✖"],
  ])("colours the policy engine's %s result with a symbol and its name", (status, tone, symbol) => {
    const markup = String(badge(status));
    expect(markup).toContain(`class="badge ${tone}"`);
    expect(markup).toContain(`<span aria-hidden="true">${symbol}</span> ${status}`);
  });
});
