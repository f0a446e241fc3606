import { describe, expect, it } from "vitest";
import { loadFiles, where } from "../shared/test-fixtures.ts";
import { cachePhase, cacheValueFromApi } from "./normalise.ts";

function zone(fields: string): string {
  return `zone: example.com\ncache_rules:\n  - { ref: assets, expression: '(http.request.uri.path.extension in {"css"})', ${fields} }\n`;
}

describe("cache rules", () => {
  it("reads the API's action parameters back as written, other parameters left out", () => {
    const live = cacheValueFromApi({
      id: "c1", ref: "assets", expression: "(true)", action: "set_cache_settings", enabled: true,
      action_parameters: { cache: true, edge_ttl: { mode: "override_origin", default: 86400 }, browser_ttl: { mode: "respect_origin" }, cache_key: { ignore_query_strings_order: true } },
    });
    expect(live).toEqual({ ref: "assets", expression: "(true)", action: "set_cache_settings", enabled: true, cache: true, edge_ttl: { mode: "override_origin", default: 86400 }, browser_ttl: { mode: "respect_origin" } });
    expect(cachePhase.toApi(live)).toEqual({ ref: "assets", description: "", expression: "(true)", action: "set_cache_settings", enabled: true, action_parameters: { cache: true, edge_ttl: { mode: "override_origin", default: 86400 }, browser_ttl: { mode: "respect_origin" } } });
  });

  it.each([
    "cache: true, edge_ttl: { mode: override_origin, default: 86400 }, browser_ttl: { mode: respect_origin }",
    "cache: false",
    "browser_ttl: { mode: bypass }",
    "edge_ttl: { mode: bypass_by_default }, browser_ttl: { mode: bypass_by_default }",
  ])("accepts %s", async (fields) => {
    expect((await loadFiles({ "zones/example.com.yaml": zone(fields) })).diagnostics).toEqual([]);
  });

  it.each([
    ["edge_ttl: { mode: override_origin }", "override_origin", "error cache-rule-ttl-default: edge_ttl with mode override_origin needs a default (seconds)"],
    ["browser_ttl: { mode: respect_origin, default: 60 }", "60", "error cache-rule-ttl-default: browser_ttl.default is used only with mode override_origin, not respect_origin"],
    ["edge_ttl: { mode: override_origin, default: 0 }", "0 }", "error cache-rule-ttl-range: edge_ttl.default must be from 1 to 31536000 seconds (a year); got 0"],
    ["browser_ttl: { mode: override_origin, default: 31536001 }", "31536001", "error cache-rule-ttl-range: browser_ttl.default must be from 1 to 31536000 seconds (a year); got 31536001"],
    ["edge_ttl: { mode: bypass }", "bypass", "error schema-invalid-value: `mode` must be one of respect_origin, bypass_by_default, override_origin; got \"bypass\""],
    ["enabled: true", "assets", "error cache-rule-empty: the rule sets nothing: give cache, edge_ttl or browser_ttl"],
  ])("reports %s", async (fields, needle, message) => {
    const text = zone(fields);
    const column = text.split("\n")[2]!.indexOf(needle) + 1;
    expect(where(await loadFiles({ "zones/example.com.yaml": text }))).toEqual([`zones/example.com.yaml:3:${column} ${message}`]);
  });
});
