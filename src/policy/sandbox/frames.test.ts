// The sandbox's framing: whole frames out of any chunking, and a frame over the cap refused unread.
import { describe, expect, it } from "vitest";
import { createFrameReader, decodeReply, decodeRequest, encodeReply, encodeRequest } from "./frames.ts";

describe("frames", () => {
  it("reads frames split anywhere and several in one chunk, requests with their Dates and Maps", () => {
    const frames: unknown[] = [];
    const reader = createFrameReader(1024, (body) => frames.push(decodeReply(body)), () => frames.push("oversize"));
    const bytes = Buffer.concat([encodeReply({ a: 1 }), encodeReply({ b: "two" }), encodeReply([3])]);
    for (let i = 0; i < bytes.length; i += 3) reader.push(bytes.subarray(i, i + 3));
    expect(frames).toEqual([{ a: 1 }, { b: "two" }, [3]]);
    const [head, body] = encodeRequest({ now: new Date(0), seen: new Map([["x", 1]]) });
    expect(head.readUInt32BE(0)).toBe(body.length);
    expect(decodeRequest(body)).toEqual({ now: new Date(0), seen: new Map([["x", 1]]) });
  });

  it("stops at a frame that announces more than the cap, before buffering it", () => {
    const seen: unknown[] = [];
    const reader = createFrameReader(16, (body) => seen.push(body.length), (bytes) => seen.push(`oversize ${bytes}`));
    const head = Buffer.alloc(4);
    head.writeUInt32BE(1_000_000);
    reader.push(head);
    reader.push(Buffer.alloc(100));
    expect(seen).toEqual(["oversize 1000000"]);
  });
});
