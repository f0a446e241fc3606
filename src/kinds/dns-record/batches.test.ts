import { describe, expect, it } from "vitest";
import type { Change } from "../../plan/types.ts";
import { dnsBatches, type DnsPayload } from "./batches.ts";
import { native } from "./native.ts";

function change(op: Change["op"], n: number): Change<DnsPayload> {
  const value = { name: `h${n}.example.com`, type: "A", content: `192.0.2.${n}`, proxied: false, ttl: 300, tags: [] };
  const planned: Change = { kind: "dns-record", id: `example.com/dns/h${n}/A`, zone: "example.com", op, fields: op === "update" ? ["ttl"] : [], before: value, after: value, cloudId: `id${n}` };
  return { ...planned, payload: native.payload({ change: planned, desired: [], live: [], meta: undefined }) };
}

describe("DNS batches", () => {
  it("puts every delete before every patch and post, across chunks of at most `size` operations", () => {
    const changes = [change("create", 1), change("update", 2), change("delete", 3), change("create", 4), change("delete", 5)];
    const batches = dnsBatches(changes, 2);
    expect(batches.map((b) => b.changes.map((c) => `${c.op}${c.id.split("/")[2]!.slice(1)}`))).toEqual([["delete3", "delete5"], ["update2", "create1"], ["create4"]]);
    expect(batches[0]!.body).toEqual({ deletes: [{ id: "id3" }, { id: "id5" }], patches: [], posts: [] });
    expect(batches[1]!.body.patches).toEqual([{ id: "id2", ttl: 300 }]);
    expect(batches[1]!.body.posts[0]).toMatchObject({ name: "h1.example.com", type: "A", content: "192.0.2.1", ttl: 300, proxied: false });
  });

  it("makes 5 requests for 1,000 creates at the default size", () => {
    const batches = dnsBatches(Array.from({ length: 1000 }, (_, i) => change("create", i)), 200);
    expect(batches.map((b) => b.body.posts.length)).toEqual([200, 200, 200, 200, 200]);
  });

  it("patches a record's new content in place (a changed address is an update, not delete + create)", () => {
    const planned: Change = {
      kind: "dns-record", id: "example.com/dns/www/A", zone: "example.com", op: "update", fields: ["content"], cloudId: "rec-1",
      before: { name: "www.example.com", type: "A", content: "192.0.2.1", proxied: false, ttl: 1, tags: [] },
      after: { name: "www.example.com", type: "A", content: "192.0.2.2", proxied: false, ttl: 1, tags: [] },
    };
    expect(native.payload({ change: planned, desired: [], live: [], meta: undefined })).toEqual({ batch: "patches", item: { id: "rec-1", content: "192.0.2.2" } });
  });
});

describe("DS records beside the NS records of a delegated child", () => {
  const ns = { name: "child.example.com", type: "NS", content: "ns1.child-dns.net", proxied: false, ttl: 3600, tags: [] };
  const ds = { name: "child.example.com", type: "DS", data: { algorithm: 13, digest: "ab", digest_type: 2, key_tag: 1 }, proxied: false, ttl: 3600, tags: [] };
  const other = { name: "www.example.com", type: "A", content: "192.0.2.1", proxied: false, ttl: 1, tags: [] };
  function planned(op: "create" | "delete", value: Record<string, unknown>, n: number): Change<DnsPayload> {
    const change: Change = { kind: "dns-record", id: `example.com/dns/${n}`, zone: "example.com", op, fields: [], ...(op === "delete" ? { before: value, cloudId: `id${n}` } : { after: value }) };
    return { ...change, payload: native.payload({ change, desired: [], live: [], meta: undefined }) };
  }
  const shape = (batches: ReturnType<typeof dnsBatches>) => batches.map((b) => b.changes.map((c) => `${c.op} ${((c.after ?? c.before) as { type: string }).type}`));

  it("creates the DS in a request after the NS records (and everything else), whatever the plan's order", () => {
    expect(shape(dnsBatches([planned("create", ds, 1), planned("create", ns, 2), planned("create", other, 3)], 200))).toEqual([["create NS", "create A"], ["create DS"]]);
  });

  it("deletes the DS in a request before the NS records (and everything else)", () => {
    expect(shape(dnsBatches([planned("delete", ns, 1), planned("create", other, 2), planned("delete", ds, 3)], 200))).toEqual([["delete DS"], ["delete NS", "create A"]]);
  });

  it("keeps one request when only the DS changes (the NS records stay)", () => {
    expect(shape(dnsBatches([planned("create", ds, 1), planned("create", other, 2)], 200))).toEqual([["create DS", "create A"]]);
  });
});
