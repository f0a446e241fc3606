// The Access groups part of the engine conformance suite: two groups (one the access-policy
// scenario's service names); one's members changed; the other's file removed (deleted: group files
// own the account's groups); a member added through the API as drift.
import type { KindScenario } from "../conformance.ts";

const family = (emails: string[]) => ["group: conformance-family", "include:", `  - email: [${emails.join(", ")}]`, "  - email_domain: family.example", ""].join("\n");
const eu = ["group: conformance-eu", "include:", "  - country: [DE, NL]", ""].join("\n");
const familyFile = "desired-state/access/groups/conformance-family.yaml";
const euFile = "desired-state/access/groups/conformance-eu.yaml";

export const scenario: KindScenario = {
  create: {
    files: { [familyFile]: family(["alice@example.com", "bob@example.com"]), [euFile]: eu },
    expect: ["create access-group access/groups/conformance-eu [include,name]", "create access-group access/groups/conformance-family [include,name]"],
  },
  update: {
    files: { [familyFile]: family(["alice@example.com", "carol@example.com"]) },
    expect: ["update access-group access/groups/conformance-family [include]"],
  },
  remove: {
    files: { [euFile]: null },
    expect: ["delete access-group access/groups/conformance-eu [include,name]"],
  },
  drift: {
    async edit(api) {
      const groups = await api.request<{ id: string; name: string; include: unknown[] }[]>("GET", `/accounts/${api.accountId}/access/groups`);
      const group = groups.find((candidate) => candidate.name === "conformance-family")!;
      await api.request("PUT", `/accounts/${api.accountId}/access/groups/${group.id}`, { name: group.name, include: [...group.include, { email: { email: "mallory@example.com" } }] });
    },
    expect: ["update access-group access/groups/conformance-family [include]"],
    check(changes) {
      const change = changes.find((candidate) => candidate.id === "access/groups/conformance-family")!;
      const before = JSON.stringify(change.before);
      if (!before.includes("mallory@example.com") || JSON.stringify(change.after).includes("mallory")) throw new Error(`the drift should show mallory live only: ${JSON.stringify(change)}`);
    },
  },
};
