import { describe, expect, it } from "vitest";
import { loadFiles, where } from "../shared/test-fixtures.ts";
import { listToResource } from "./native.ts";
import { canonicalIp, itemValue, listValue } from "./normalise.ts";

describe("list items in Cloudflare's canonical form", () => {
  it.each([
    ["192.0.2.7", "192.0.2.7", false],
    ["192.0.2.7/32", "192.0.2.7", false],
    ["192.0.2.0/24", "192.0.2.0/24", false],
    ["192.0.2.5/24", "192.0.2.0/24", true],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1", false],
    ["2001:db8::1/128", "2001:db8::1", false],
    ["2001:0db8:0000:0000:1:0:0:0/64", "2001:db8::/64", true],
    ["2001:db8:0:1:0:0:0:1", "2001:db8:0:1::1", false],
  ])("%s is %s", (input, text, hostBits) => {
    expect(canonicalIp(input)).toMatchObject({ text, hostBits });
  });

  it.each(["nope", "192.0.2.1/33", "192.0.2.1/24/1", "2001:db8::1/129"])("%s is not an IP", (input) => {
    expect(canonicalIp(input)).toBeUndefined();
  });

  it("compares the YAML's and the API's spellings and orders as equal (no phantom diff)", () => {
    const desired = listValue("office", "ip", "", [itemValue({ ip: "2001:DB8::1/128", comment: "" }), itemValue({ ip: "192.0.2.0/24", comment: "HQ" })]);
    const live = listToResource({ id: "l1", name: "office", kind: "ip", description: "" }, [{ id: "i1", ip: "192.0.2.0/24", comment: "HQ", created_on: "x" }, { id: "i2", ip: "2001:db8::1" }]);
    expect(live.value).toEqual(desired);
    expect(live.cloudId).toBe("l1");
  });
});

describe("list files", () => {
  it("loads items of every form with their kind", async () => {
    const result = await loadFiles({ "lists/hosts.yaml": "list: hosts\nkind: hostname\nitems:\n  - example.com\n  - { hostname: '*.example.net', comment: all }\n  - { hostname: { url_hostname: api.example.org } }\n" });
    expect(result.diagnostics).toEqual([]);
    expect(result.state.lists![0]!.items.map((item) => item.hostname)).toEqual(["example.com", "*.example.net", "api.example.org"]);
  });

  it("reports items that do not fit the list, at their own position, all at once", async () => {
    const text = [
      "list: office_ips",
      "kind: ip",
      "items:",
      "  - 192.0.2.5/24",
      "  - { ip: 10.0.0.0/4 }",
      "  - 13335",
      "  - { ip: 198.51.100.7, comment: a }",
      "  - 198.51.100.7/32",
      "  - not-an-ip",
      "",
    ].join("\n");
    expect(where(await loadFiles({ "lists/office_ips.yaml": text }))).toEqual([
      "lists/office_ips.yaml:4:5 error list-ip-invalid: 192.0.2.5/24 has host bits set",
      "lists/office_ips.yaml:5:11 error list-ip-invalid: IPv4 CIDRs in lists must be /8 to /32; got /4",
      "lists/office_ips.yaml:6:5 error list-item-kind: an ip list holds an IP address or CIDR per item, not an AS number",
      "lists/office_ips.yaml:8:5 error list-duplicate-item: 198.51.100.7 is listed twice in office_ips",
      "lists/office_ips.yaml:9:5 error list-ip-invalid: \"not-an-ip\" is not an IP address or CIDR",
    ]);
  });

  it("refuses items in a read_only list, names that Cloudflare refuses, and a second file for one list", async () => {
    const result = await loadFiles({
      "lists/shared.yaml": "list: shared\nkind: ip\nread_only: true\nitems: [192.0.2.1]\n",
      "lists/Bad.yaml": "list: Bad\nkind: ip\n",
      "more/shared.yaml": "list: shared\nkind: asn\nread_only: true\n",
    });
    expect(where(result)).toEqual([
      "lists/Bad.yaml:1:7 error schema-invalid-value: `list` has an invalid value \"Bad\"",
      "lists/shared.yaml:4:8 error list-read-only-items: list shared is read_only, so cf-gitops does not manage its items",
      "more/shared.yaml:1:7 error list-duplicate: list shared is already declared in desired-state/lists/shared.yaml",
    ]);
  });
});
