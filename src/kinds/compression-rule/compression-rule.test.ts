import { describe, expect, it } from "vitest";
import { loadFiles, where } from "../shared/test-fixtures.ts";
import { compressionPhase } from "./normalise.ts";

function zone(algorithms: string, expression = 'http.response.content_type.media_type eq "text/html"'): string {
  return `zone: example.com\ncompression_rules:\n  - { ref: html, expression: '${expression}', algorithms: [${algorithms}] }\n`;
}

describe("compression rules", () => {
  it("keeps the algorithms in order, by name", () => {
    const live = compressionPhase.fromApi({ id: "c", ref: "html", expression: "true", action: "compress_response", enabled: true, action_parameters: { algorithms: [{ name: "zstd" }, { name: "brotli" }] } });
    expect(live.algorithms).toEqual(["zstd", "brotli"]);
    expect(compressionPhase.toApi(live).action_parameters).toEqual({ algorithms: [{ name: "zstd" }, { name: "brotli" }] });
  });

  it.each(["zstd, brotli, gzip", "none", "gzip, auto", "default"])("accepts %s", async (algorithms) => {
    expect((await loadFiles({ "zones/example.com.yaml": zone(algorithms) })).diagnostics).toEqual([]);
  });

  it.each([
    ["gzip, none", "none", "error compression-rule-algorithms: none turns compression off, so it stands alone"],
    ["auto, gzip", "auto", "error compression-rule-algorithms: auto hands the choice to Cloudflare, so it can only come last"],
    ["gzip, brotli, gzip", "gzip]", "error compression-rule-algorithms: gzip is listed twice"],
  ])("reports %s", async (algorithms, needle, message) => {
    const text = zone(algorithms);
    expect(where(await loadFiles({ "zones/example.com.yaml": text }))).toEqual([`zones/example.com.yaml:3:${text.split("\n")[2]!.lastIndexOf(needle) + 1} ${message}`]);
  });

  it("allows response fields, compression being a response phase", async () => {
    expect((await loadFiles({ "zones/example.com.yaml": zone("gzip", "http.response.code eq 200") })).diagnostics).toEqual([]);
  });
});
