import { describe, expect, it } from "vitest";
import { loadFiles, where } from "./test-fixtures.ts";

const lists = {
  "lists/office_ips.yaml": "list: office_ips\nkind: ip\nitems: [192.0.2.1]\n",
  "lists/bad_asns.yaml": "list: bad_asns\nkind: asn\nitems: [64512]\n",
  "lists/partners.yaml": "list: partners\nkind: hostname\nread_only: true\n",
};

function zone(expression: string): string {
  return `zone: example.com\nfirewall:\n  - { ref: r, expression: '${expression}', action: block }\n`;
}

describe("$lists in expressions", () => {
  it.each([
    "ip.src in $office_ips",
    "ip.src.asnum in $bad_asns",
    "http.host in $partners", // read_only: declared, managed elsewhere
    "ip.src in $cf.malware", // Cloudflare's managed lists need no file
  ])("accepts %s", async (expression) => {
    expect((await loadFiles({ ...lists, "zones/example.com.yaml": zone(expression) })).diagnostics).toEqual([]);
  });

  it.each([
    ["ip.src in $ofice_ips", "list-undeclared: $ofice_ips is not a declared list", "did you mean $office_ips?"],
    ["not ip.src in $unknown", "list-undeclared: $unknown is not a declared list", "declare it in desired-state/lists/unknown.yaml (with read_only: true if it is managed elsewhere)"],
    ["ip.src in $bad_asns", "list-kind-mismatch: $bad_asns is an asn list; it can be used with ip.src.asnum, not ip.src", "its kind is set in desired-state/lists/bad_asns.yaml"],
    ["http.host in $office_ips", "list-kind-mismatch: $office_ips is an ip list; it can be used with an IP address field such as ip.src, not http.host", "its kind is set in desired-state/lists/office_ips.yaml"],
    ["http.request.uri.path in $partners", "list-kind-mismatch: $partners is a hostname list; it can be used with http.host, not http.request.uri.path", "its kind is set in desired-state/lists/partners.yaml"],
    ["http.host in $cf.malware", "list-kind-mismatch: $cf.malware is an ip list; it can be used with an IP address field such as ip.src, not http.host", undefined],
  ])("reports %s at the reference", async (expression, message, hint) => {
    const result = await loadFiles({ ...lists, "zones/example.com.yaml": zone(expression) });
    const column = "  - { ref: r, expression: '".length + expression.indexOf("$") + 1;
    expect(where(result)).toEqual([`zones/example.com.yaml:3:${column} error ${message}`]);
    expect(result.diagnostics[0]!.hint).toBe(hint);
  });

  it("finds a list declared in a file read after the zone file (lists load first)", async () => {
    const result = await loadFiles({ "a-zone.yaml": zone("ip.src in $z_list"), "zz/z_list.yaml": "list: z_list\nkind: ip\nitems: [192.0.2.1]\n" });
    expect(where(result)).toEqual(["a-zone.yaml:1:7 error zone-file-name-mismatch: the file is named a-zone.yaml but declares zone example.com"]);
  });
});
