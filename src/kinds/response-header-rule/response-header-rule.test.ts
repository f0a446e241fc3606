import { describe, expect, it } from "vitest";
import { loadFiles, where } from "../shared/test-fixtures.ts";

function zone(fields: string, expression = "true"): string {
  return `zone: example.com\nresponse_headers:\n  - { ref: hsts, expression: '${expression}', ${fields} }\n`;
}

async function diagnostics(files: Record<string, string>): Promise<string[]> {
  return where(await loadFiles(files));
}

describe("response header rules", () => {
  it.each([
    ['set: { Strict-Transport-Security: { value: "max-age=31536000; includeSubDomains" } }, remove: [X-Powered-By]', "true"],
    ['add: { Link: { value: "</style.css>; rel=preload" } }', 'http.response.content_type.media_type eq "text/html"'],
    ["set: { X-Status: { expression: to_string(http.response.code) } }", "http.response.code ge 400"],
    ["remove: [server]", "true"],
  ])("accepts %s", async (fields, expression) => {
    expect(await diagnostics({ "zones/example.com.yaml": zone(fields, expression) })).toEqual([]);
  });

  it.each([
    ["set: { Server: { value: mine } }", "Server", "error response-header-header-not-allowed: Cloudflare does not let rules set the value of the server response header"],
    ["remove: [cf-ray]", "cf-ray", "error response-header-header-not-allowed: Cloudflare does not let rules change cf-ray: response headers starting with cf- or x-cf- are its own"],
    ["set: { Bad Name: { value: x } }", "Bad Name", "error response-header-header-name: \"Bad Name\" is not a header name Cloudflare accepts"],
  ])("reports %s", async (fields, needle, message) => {
    const text = zone(fields);
    expect(await diagnostics({ "zones/example.com.yaml": text })).toEqual([`zones/example.com.yaml:3:${text.split("\n")[2]!.indexOf(needle) + 1} ${message}`]);
  });

  it("refuses an IP list in the filter, which Cloudflare does not allow in response header rules", async () => {
    const text = zone('set: { X-Office: { value: "1" } }', "ip.src in $office_ips");
    const found = await diagnostics({ "zones/example.com.yaml": text, "lists/office_ips.yaml": "list: office_ips\nkind: ip\nitems: [192.0.2.1]\n" });
    expect(found).toEqual([`zones/example.com.yaml:3:${text.split("\n")[2]!.indexOf("$office_ips") + 1} error response-header-ip-list: $office_ips is an IP list, and Cloudflare does not allow IP lists in response header rules`]);
  });
});
