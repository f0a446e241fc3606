// The list part of the engine conformance suite: two lists and a redirect list turned on (its Bulk
// Redirect rule); one's items and description changed, a redirect's target too; the other's file
// removed (deleted: list files own the account's lists) and the redirects turned off; an item added
// through the API as drift. The rate-limit scenario's rule uses $conformance_ips, so it is created first.
import type { KindScenario } from "../conformance.ts";

const ips = (description: string, items: string[]) =>
  ["list: conformance_ips", "kind: ip", `description: ${description}`, "items:", ...items.map((item) => `  - ${item}`), ""].join("\n");
const asns = ["list: conformance_asns", "kind: asn", "items: [13335]", ""].join("\n");
const redirects = (target: string, enabled: boolean) =>
  ["list: conformance_redirects", "kind: redirect", ...(enabled ? ["enabled: true"] : []), "items:", `  - { source: example.com/old, target: "${target}" }`, "  - { source: example.com/docs, target: \"https://docs.example.com/\", status: 302, subpath_matching: true, preserve_path_suffix: true }", ""].join("\n");
const redirectsFile = "desired-state/lists/conformance_redirects.yaml";
const ipsFile = "desired-state/lists/conformance_ips.yaml";
const asnsFile = "desired-state/lists/conformance_asns.yaml";

export const scenario: KindScenario = {
  create: {
    files: { [ipsFile]: ips("Office", ["{ ip: 203.0.113.0/24, comment: HQ }", "198.51.100.7"]), [asnsFile]: asns, [redirectsFile]: redirects("https://example.com/new", true) },
    expect: [
      "create list lists/conformance_asns [items,kind,name]",
      "create list lists/conformance_ips [description,items,kind,name]",
      "create list lists/conformance_redirects [items,kind,name]",
      "create list lists/conformance_redirects/redirect-rule [enabled,expression,list]",
    ],
  },
  update: {
    files: { [ipsFile]: ips("Office egress", ["{ ip: 203.0.113.0/24, comment: head office }", "198.51.100.7", "2001:db8::/48"]), [redirectsFile]: redirects("https://example.com/newer", true) },
    expect: ["update list lists/conformance_ips [description,items]", "update list lists/conformance_redirects [items]"],
  },
  remove: {
    files: { [asnsFile]: null, [redirectsFile]: redirects("https://example.com/newer", false) },
    expect: ["delete list lists/conformance_asns [items,kind,name]", "delete list lists/conformance_redirects/redirect-rule [enabled,expression,list]"],
  },
  drift: {
    async edit(api) {
      const lists = await api.request<{ id: string; name: string }[]>("GET", `/accounts/${api.accountId}/rules/lists`);
      const list = lists.find((candidate) => candidate.name === "conformance_ips")!;
      const path = `/accounts/${api.accountId}/rules/lists/${list.id}/items`;
      const items = await api.request<Record<string, unknown>[]>("GET", `${path}?per_page=500`);
      const body = [...items.map(({ ip, comment }) => (comment === undefined ? { ip } : { ip, comment })), { ip: "192.0.2.99", comment: "added by hand" }];
      await api.request("PUT", path, body);
    },
    expect: ["update list lists/conformance_ips [items]"],
    check(changes) {
      const change = changes.find((candidate) => candidate.id === "lists/conformance_ips")!;
      const before = (change.before as { items: { ip: string }[] }).items.map((item) => item.ip);
      const after = (change.after as { items: { ip: string }[] }).items.map((item) => item.ip);
      if (!before.includes("192.0.2.99") || after.includes("192.0.2.99")) throw new Error(`the drift should show 192.0.2.99 live only: ${JSON.stringify({ before, after })}`);
    },
  },
};
