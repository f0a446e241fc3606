import { describe, expect, it } from "vitest";
import type { Change } from "../../plan/types.ts";
import { dnsBatches } from "./dns-batches.ts";

function change(op: Change["op"], n: number): Change {
  const value = { name: `h${n}.example.com`, type: "A", content: `192.0.2.${n}`, proxied: false, ttl: 300, tags: [] };
  return { kind: "dns-record", id: `example.com/dns/h${n}/A/192.0.2.${n}`, zone: "example.com", op, fields: op === "update" ? ["ttl"] : [], before: value, after: value, cloudId: `id${n}` };
}

describe("DNS batches", () => {
  it("puts every delete before every patch and post, across chunks of at most `size` operations", () => {
    const changes = [change("create", 1), change("update", 2), change("delete", 3), change("create", 4), change("delete", 5)];
    const batches = dnsBatches(changes, 2);
    expect(batches.map((b) => b.changes.map((c) => `${c.op}${c.id.slice(-1)}`))).toEqual([["delete3", "delete5"], ["update2", "create1"], ["create4"]]);
    expect(batches[0]!.body).toEqual({ deletes: [{ id: "id3" }, { id: "id5" }], patches: [], posts: [] });
    expect(batches[1]!.body.patches).toEqual([{ id: "id2", ttl: 300 }]);
    expect(batches[1]!.body.posts[0]).toMatchObject({ name: "h1.example.com", type: "A", content: "192.0.2.1", ttl: 300, proxied: false });
  });

  it("makes 5 requests for 1,000 creates at the default size", () => {
    const batches = dnsBatches(Array.from({ length: 1000 }, (_, i) => change("create", i)), 200);
    expect(batches.map((b) => b.body.posts.length)).toEqual([200, 200, 200, 200, 200]);
  });
});
