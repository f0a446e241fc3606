import { describe, expect, it } from "vitest";
import { expandDesired } from "../../plan/expand.ts";
import { loadFiles, where } from "../shared/test-fixtures.ts";
import { listFilesFromLive } from "./yaml.ts";

function file(items: string[], header = ["list: old_site", "kind: redirect", "enabled: true"]): string {
  return [...header, "items:", ...items.map((item) => `  - ${item}`), ""].join("\n");
}

describe("redirect lists (Bulk Redirects)", () => {
  it("expand to the list, with Cloudflare's defaults explicit, and its account rule when enabled", async () => {
    const result = await loadFiles({ "lists/old_site.yaml": file(["{ source: example.com/old, target: https://example.com/new }", "{ source: https://example.com/blog, target: https://blog.example.com/, status: 308, subpath_matching: true, preserve_path_suffix: true }"]) });
    expect(result.diagnostics).toEqual([]);
    const { resources } = expandDesired(result.state);
    expect(resources.map((r) => r.id)).toEqual(["lists/old_site", "lists/old_site/redirect-rule"]);
    expect(resources[0]!.value.items).toEqual([
      { redirect: { source: "example.com/old", target: "https://example.com/new", status: 301, preserve_query_string: false, include_subdomains: false, subpath_matching: false, preserve_path_suffix: false } },
      { redirect: { source: "https://example.com/blog", target: "https://blog.example.com/", status: 308, preserve_query_string: false, include_subdomains: false, subpath_matching: true, preserve_path_suffix: true } },
    ]);
    expect(resources[1]!.value).toEqual({ list: "old_site", expression: "http.request.full_uri in $old_site", enabled: true });
    // import writes it back (defaults left out), with enabled
    const files = listFilesFromLive(resources);
    expect(files.map((f) => f.doc)).toEqual([{ list: "old_site", kind: "redirect", enabled: true, items: [
      { source: "example.com/old", target: "https://example.com/new" },
      { source: "https://example.com/blog", target: "https://blog.example.com/", status: 308, subpath_matching: true, preserve_path_suffix: true },
    ] }]);
  });

  it("gives a disabled list no rule", async () => {
    const result = await loadFiles({ "lists/old_site.yaml": file(["{ source: example.com/old, target: https://example.com/new }"], ["list: old_site", "kind: redirect"]) });
    expect(expandDesired(result.state).resources.map((r) => r.id)).toEqual(["lists/old_site"]);
  });

  it.each([
    ["{ source: ftp://example.com/old, target: https://example.com/ }", "ftp:", "error list-redirect-source: source ftp://example.com/old has the scheme ftp://; Cloudflare matches http and https only"],
    ["{ source: example.com/old?a=1, target: https://example.com/, preserve_query_string: true }", "example.com/old?a=1", "error list-redirect-source: source example.com/old?a=1 has a query string; Cloudflare matches a source's host and path only"],
    ["{ source: example.com/old, target: /new }", "/new", "error list-redirect-target: target /new is not an absolute URL"],
    ["{ source: example.com/old, target: \"https://example.com/?x=1\", preserve_query_string: true }", "\"https://example.com/?x=1\"", "error list-redirect-target: target https://example.com/?x=1 has a query string, but preserve_query_string: true passes the request's own on"],
    ["{ source: example.com/old, target: https://example.com/, status: 303 }", "303", "error list-redirect-status: status must be one of 301, 302, 307, 308; got 303"],
  ])("reports %s at its field", async (item, needle, message) => {
    const text = file([item]);
    const line = text.split("\n")[4]!;
    expect(where(await loadFiles({ "lists/old_site.yaml": text }))).toEqual([`lists/old_site.yaml:5:${line.indexOf(needle) + 1} ${message}`]);
  });

  it("reports a duplicate source at the second one's source, and enabled on a list that is not a redirect list", async () => {
    const text = file(["{ source: example.com/a, target: https://example.com/1 }", "{ source: example.com/a, target: https://example.com/2 }"]);
    expect(where(await loadFiles({ "lists/old_site.yaml": text, "lists/ips.yaml": "list: ips\nkind: ip\nenabled: true\nitems: [192.0.2.1]\n" }))).toEqual([
      "lists/ips.yaml:3:10 error list-enabled-kind: enabled turns on a redirect list's Bulk Redirect rule; ips is an ip list",
      `lists/old_site.yaml:6:${text.split("\n")[5]!.indexOf("example.com/a") + 1} error list-duplicate-item: source example.com/a is listed twice in old_site; Cloudflare takes each source once per list`,
    ]);
  });

  it("counts redirect lists apart from the custom lists' 10,000 items", async () => {
    const items = Array.from({ length: 10_001 }, (_, i) => `{ source: example.com/${i}, target: https://example.com/n/${i} }`);
    expect((await loadFiles({ "lists/old_site.yaml": file(items) })).diagnostics).toEqual([]);
  });
});
