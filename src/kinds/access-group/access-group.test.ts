// Access group files: problems at their line (a second file for a name, rules in a read_only group,
// no include, a group that contains itself), `import --access` writing the files back, and the
// Pulumi program: a ZeroTrustAccessGroup per group, declared after the groups it names (their ids
// are its Outputs), read back as git, imported as accounts/<account_id>/<group_id>.
import { describe, expect, it } from "vitest";
import type { CloudflareModule, DeclareContext } from "../../engines/pulumi/adapter.ts";
import { loadFiles, where } from "../shared/test-fixtures.ts";
import { groupResource } from "./expand.ts";
import { groupValue } from "./normalise.ts";
import { pulumi } from "./pulumi.ts";
import { groupFilesFromLive } from "./yaml.ts";

const file = (...lines: string[]) => [...lines, ""].join("\n");

describe("Access group files", () => {
  it("reports each problem at its line", async () => {
    const result = await loadFiles({
      "access/groups/family.yaml": file("group: family", "include:", "  - group: friends"),
      "access/groups/friends.yaml": file("group: friends", "include:", "  - group: family"),
      "access/groups/shared.yaml": file("group: shared", "read_only: true", "include:", "  - everyone"),
      "access/groups/empty.yaml": file("group: empty", "exclude:", "  - ip: 192.0.2.0/24"),
      "more/family.yaml": file("group: Family", "include:", "  - email: a@example.com"),
    });
    expect(where(result)).toEqual([
      "access/groups/empty.yaml:1:8 error access-group-no-include: group \"empty\" has no include rules; Access needs at least one",
      "access/groups/family.yaml:1:8 error access-group-cycle: group \"family\" contains itself: family -> friends -> family",
      "access/groups/friends.yaml:1:8 error access-group-cycle: group \"friends\" contains itself: friends -> family -> friends",
      "access/groups/shared.yaml:4:3 error access-group-read-only-rules: group \"shared\" is read_only, so cf-gitops does not manage its rules",
      "more/family.yaml:1:8 error access-group-duplicate: group \"Family\" is already declared in desired-state/access/groups/family.yaml",
    ]);
  });

  it("imports a live group as its file, each type's values in one item, require one per item, unsupported rules named", () => {
    const live = { ...groupResource(groupValue("Family members", [{ email: "b@example.com" }, { email: "a@example.com" }, { everyone: true }, { "github-organization": "{}" }], [], [{ country: "DE" }, { email_domain: "example.org" }])), cloudId: "g1" };
    const [written] = groupFilesFromLive([live]);
    expect(written!.name).toBe("family-members");
    expect(written!.doc).toEqual({ group: "Family members", include: ["everyone", { email: ["a@example.com", "b@example.com"] }], require: [{ country: "DE" }, { email_domain: "example.org" }] });
    expect(written!.summary).toBe("6 rule(s); left out (not supported here): github-organization");
  });
});

describe("Access groups in the Pulumi program", () => {
  interface Declared {
    type: string;
    name: string;
    args: Record<string, unknown>;
    id: string;
  }

  function context(declared: Declared[], shared: Map<string, unknown>): DeclareContext {
    const make = (type: string) =>
      class {
        id: string;
        constructor(name: string, args: Record<string, unknown>) {
          this.id = `${name}-id`;
          declared.push({ type, name, args, id: this.id });
        }
      };
    const cloudflare = { ZeroTrustAccessGroup: make("ZeroTrustAccessGroup") } as unknown as CloudflareModule;
    return { cloudflare, accountId: "acc", zoneId: () => "", opts: () => ({}), state: [], claimed: new Set(), names: new Map([["ro-id", "group:shared"]]), adopting: () => undefined, declared: shared as DeclareContext["declared"] };
  }

  it("declares the groups a group names first, and refers to them (and to read_only groups) by id", () => {
    const declared: Declared[] = [];
    const outer = groupResource(groupValue("outer", [{ group: "inner" }, { group: "shared" }]));
    const inner = groupResource(groupValue("inner", [{ email: "a@example.com" }], [{ ip: "192.0.2.0/24" }]));
    pulumi.declare([outer, inner], context(declared, new Map()));
    expect(declared.map((d) => d.name)).toEqual(["access/groups/inner", "access/groups/outer"]);
    expect(declared[0]!.args).toEqual({ accountId: "acc", name: "inner", includes: [{ email: { email: "a@example.com" } }], excludes: [{ ip: { ip: "192.0.2.0/24" } }] });
    expect(declared[1]!.args.includes).toEqual([{ group: { id: "access/groups/inner-id" } }, { group: { id: "ro-id" } }]);
  });

  it("reads a state back as git (ids named after the desired groups), and imports by accounts/<account_id>/<group_id>", () => {
    const desired = groupResource(groupValue("outer", [{ group: "inner" }, { email: "a@example.com" }]));
    const state = { accountId: "acc", name: "outer", includes: [{ email: { email: "a@example.com" }, group: null }, { group: { id: "0f0f" }, email: null }] };
    expect(pulumi.fromState("access/groups/outer", state, { desiredByKey: new Map([[desired.key, desired]]) })).toEqual([desired]);
    expect(pulumi.importId("access/groups/outer", [{ ...desired, cloudId: "g1" }], { accountId: "acc", zoneId: () => "", meta: () => undefined })).toBe("accounts/acc/g1");
    expect(pulumi.type).toBe("cloudflare:index/zeroTrustAccessGroup:ZeroTrustAccessGroup");
  });
});

describe("reading Access lists a page at a time", () => {
  it("asks for the next page only while pages are full", async () => {
    const { everyPage, pageSize } = await import("../shared/access/native.ts");
    const calls: number[] = [];
    interface FakePage {
      result: number[];
      hasNextPage(): boolean;
      getNextPage(): Promise<FakePage>;
    }
    const page = (n: number, size: number): FakePage => {
      calls.push(n);
      return { result: Array.from({ length: size }, (_, i) => n * 1000 + i), hasNextPage: () => size > 0, getNextPage: async () => page(n + 1, n + 1 === 2 ? 7 : 0) };
    };
    expect(await everyPage("list", async () => page(1, pageSize))).toHaveLength(pageSize + 7);
    expect(calls).toEqual([1, 2]);
    calls.length = 0;
    expect(await everyPage("list", async () => page(1, 3))).toHaveLength(3);
    expect(calls).toEqual([1]);
  });
});
