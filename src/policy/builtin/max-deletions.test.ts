import { describe, expect, it } from "vitest";
import { change, check, plan, rec, state, zone } from "../test-fixtures.ts";
import type { ListSpec } from "../../kinds/list/spec.ts";
import { accountLists, maxDeletions as policy } from "./max-deletions.ts";

function listFile(name: string, readOnly = false): ListSpec {
  const file = `desired-state/lists/${name}.yaml`;
  return { list: name, kind: "ip", items: [], read_only: readOnly, file, source: { file, line: 1, column: 1 } };
}

/** A zone with `kept` records left in desired state and a plan deleting `deleted` others. */
function scenario(kept: number, deleted: number) {
  const dns = Array.from({ length: kept }, (_, i) => rec(`keep${i}`, "A", `203.0.113.${i + 1}`));
  const changes = Array.from({ length: deleted }, (_, i) => change("dns-record", `example.com/dns/old${i}/A/198.51.100.${i + 1}`, "delete"));
  return { desired: state([zone("example.com", { dns })]), plan: plan(changes) };
}

describe("max-deletions", () => {
  it.each([
    ["5 of 8 (below the minimum of 10)", 3, 5],
    ["9 of 9, an emptied small zone (below the minimum)", 0, 9],
    ["10 of 40 (25%)", 30, 10],
    ["12 of 40 (exactly 30%)", 28, 12],
    ["nothing deleted", 40, 0],
  ])("passes %s", async (_label, kept, deleted) => {
    const { desired, plan: p } = scenario(kept, deleted);
    expect(await check(policy, desired, {}, p)).toEqual([]);
  });

  it.each([
    ["an emptied 40-record zone", 0, 40, "plan deletes 40 of 40 managed objects in example.com (100%), more than 30%"],
    ["13 of 40", 27, 13, "plan deletes 13 of 40 managed objects in example.com (33%), more than 30%"],
    ["10 of 20", 10, 10, "plan deletes 10 of 20 managed objects in example.com (50%), more than 30%"],
  ])("fails %s", async (_label, kept, deleted, message) => {
    const { desired, plan: p } = scenario(kept, deleted);
    const found = await check(policy, desired, {}, p);
    expect(found).toEqual([expect.objectContaining({ resource: "example.com", message })]);
  });

  it("counts a content change (delete + create at the same name and type) as an update", async () => {
    const dns = Array.from({ length: 20 }, (_, i) => rec(`h${i}`, "A", `203.0.113.${i + 1}`));
    const changes = dns.flatMap((r, i) => [
      change("dns-record", `example.com/dns/h${i}/A/198.51.100.${i + 1}`, "delete"),
      change("dns-record", `example.com/dns/${r.name}/A/${r.content}`, "create"),
    ]);
    expect(await check(policy, state([zone("example.com", { dns })]), {}, plan(changes))).toEqual([]);
  });

  it("counts ids with and without content alike (records alone at their name and type)", async () => {
    const dns = Array.from({ length: 10 }, (_, i) => rec(`keep${i}`, "A", `203.0.113.${i + 1}`));
    const changes = Array.from({ length: 10 }, (_, i) => change("dns-record", `example.com/dns/old${i}/A`, "delete"));
    const found = await check(policy, state([zone("example.com", { dns })]), {}, plan(changes));
    expect(found).toEqual([expect.objectContaining({ message: "plan deletes 10 of 20 managed objects in example.com (50%), more than 30%" })]);
  });

  it("judges each zone on its own and counts firewall rules", async () => {
    const desired = state([zone("a.example", { dns: [] }), zone("b.example", { dns: [rec("x", "A", "203.0.113.1", {}, "b.example")] })]);
    const changes = [
      ...Array.from({ length: 11 }, (_, i) => change("firewall-rule", `a.example/firewall/r${i}`, "delete")),
      ...Array.from({ length: 5 }, (_, i) => change("dns-record", `b.example/dns/y${i}/A/198.51.100.${i}`, "delete")),
    ];
    const found = await check(policy, desired, {}, plan(changes));
    expect(found.map((f) => f.resource)).toEqual(["a.example"]);
  });

  it("params: max_percent, min_deletions and the absolute max_count", async () => {
    const { desired, plan: p } = scenario(3, 5);
    expect(await check(policy, desired, { min_deletions: 3 }, p)).toHaveLength(1);
    expect(await check(policy, desired, { min_deletions: 3, max_percent: 70 }, p)).toEqual([]);
    const capped = await check(policy, desired, { max_count: 4 }, p);
    expect(capped[0]!.message).toContain("more than max_count 4");
  });

  it("judges the zones that use one profile together: a profile edit is one change in all of them", async () => {
    const zones = ["a.example", "b.example", "c.example"];
    const using = (used: string[]) => ({ name: "google-mail", file: "desired-state/profiles/google-mail.yaml", source: { file: "desired-state/profiles/google-mail.yaml", line: 1, column: 10 }, keys: ["dns"], usedBy: used });
    const desired = { ...state(zones.map((name) => zone(name, { dns: Array.from({ length: 3 }, (_, i) => rec(`keep${i}`, "A", `203.0.113.${i + 1}`, {}, name)) }))) };
    // 4 of 7 in each zone: under min_deletions there, 12 of 21 (57%) together
    const changes = zones.flatMap((name) => Array.from({ length: 4 }, (_, i) => change("dns-record", `${name}/dns/mail${i}/TXT`, "delete")));
    const found = await check(policy, { ...desired, profiles: [using(zones)] }, {}, plan(changes));
    expect(found).toEqual([expect.objectContaining({ resource: "profiles/google-mail", message: "plan deletes 12 of 21 managed objects in the 3 zones that use profile google-mail (57%), more than 30%", source: expect.objectContaining({ file: "desired-state/profiles/google-mail.yaml" }) })]);
    // without the profile, each zone is judged alone
    expect(await check(policy, desired, {}, plan(changes))).toEqual([]);
    // 8 of 17 in the three zones together (47%) is under min_deletions
    expect(await check(policy, { ...desired, profiles: [using(zones)] }, {}, plan(changes.slice(0, 8)))).toEqual([]);
    expect(await check(policy, { ...desired, profiles: [using(zones)] }, { min_deletions: 8, max_percent: 50 }, plan(changes.slice(0, 8)))).toEqual([]);
    expect(await check(policy, { ...desired, profiles: [using(zones)] }, { min_deletions: 8, max_percent: 45 }, plan(changes.slice(0, 8)))).toHaveLength(1);
  });

  it("guards the account's lists as one more group: a merge that drops list files deletes the others", async () => {
    const desired = { ...state([zone("example.com", { dns: [] })]), lists: [listFile("office_ips"), listFile("partners", true)] };
    const deletes = Array.from({ length: 10 }, (_, i) => change("list", `lists/old_${i}`, "delete", { zone: undefined }));
    const found = await check(policy, desired, {}, plan(deletes));
    expect(found).toEqual([expect.objectContaining({ resource: accountLists, message: "plan deletes 10 of 11 managed objects in account lists (91%), more than 30%" })]);
    expect(await check(policy, desired, {}, plan(deletes.slice(0, 3)))).toEqual([]);
  });
});
