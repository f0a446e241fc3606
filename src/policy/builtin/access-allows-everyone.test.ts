import { describe, expect, it } from "vitest";
import type { DesiredState } from "../../desired-state/types.ts";
import type { AccessGroupSpec } from "../../kinds/access-group/spec.ts";
import type { AccessBlockSpec } from "../../kinds/shared/access/block.ts";
import { check, state, svc } from "../test-fixtures.ts";
import { accessAllowsEveryone as policy } from "./access-allows-everyone.ts";

const at = { file: "desired-state/services/app.yaml", line: 5, column: 3 };
const rule = (type: string, ...values: string[]) => ({ type, values, list: values.length > 1, extra: [], source: at });
const block = (allow: AccessBlockSpec["allow"], extra: Partial<AccessBlockSpec> = {}): AccessBlockSpec => ({ public: false, allow, require: [], deny: [], keys: ["allow"], source: at, ...extra });
const group = (name: string, include: AccessGroupSpec["include"]): AccessGroupSpec => ({ group: name, include, exclude: [], require: [], read_only: false, keys: ["include"], file: `desired-state/access/groups/${name}.yaml`, source: at });

function world(access: AccessBlockSpec, groups: AccessGroupSpec[] = []): DesiredState {
  return { ...state([], [{ ...svc("app", "app.example.com", "http://localhost:3000"), access }]), accessGroups: groups };
}

describe("access-allows-everyone", () => {
  it.each([
    ["named people", world(block([rule("email", "me@example.com"), rule("email_domain", "example.org")]))],
    ["a group of named people", world(block([rule("group", "family")]), [group("family", [rule("email", "a@example.com")])])],
    ["public: true (open on purpose)", world(block([], { public: true, keys: ["public"] }))],
  ])("passes %s", async (_what, desired) => {
    expect(await check(policy, desired)).toEqual([]);
  });

  it.each([
    ["allow: everyone", world(block([rule("everyone", "true")])), "service app lets everyone in: anyone who can log in with any login method, e.g. a one-time PIN to any e-mail address"],
    ["a group that includes everyone", world(block([rule("group", "all")]), [group("all", [rule("everyone", "true")])]), "service app lets everyone in (group all includes everyone): anyone who can log in with any login method, e.g. a one-time PIN to any e-mail address"],
    ["a group inside a group that includes everyone", world(block([rule("group", "outer")]), [group("outer", [rule("group", "all")]), group("all", [rule("everyone", "true")])]), "service app lets everyone in (group outer includes everyone): anyone who can log in with any login method, e.g. a one-time PIN to any e-mail address"],
  ])("fails %s, at the access block", async (_what, desired, message) => {
    expect(await check(policy, desired)).toEqual([{ resource: "services/app", message, source: at }]);
  });
});
