// The sandbox's wire format: each message is a 4-byte big-endian length and that many bytes. The
// parent sends v8-serialised requests (the desired state and plan keep their Dates and Maps); the
// sandbox answers in JSON, which the parent parses as untrusted input, and a frame over the cap
// stops the sandbox instead of filling the parent's memory.
import { deserialize, serialize } from "node:v8";

/** A request's frame as its header and body (written one after the other: a large desired state is not copied again). */
export function encodeRequest(message: unknown): [Buffer, Buffer] {
  const body = serialize(message);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length);
  return [head, body];
}

export function encodeReply(message: unknown): Buffer {
  return frame(Buffer.from(JSON.stringify(message), "utf8"));
}

function frame(body: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length);
  return Buffer.concat([head, body]);
}

export interface FrameReader {
  push(chunk: Buffer): void;
}

/** Calls `onFrame` with each whole frame's body; `onOversize` once when a frame announces more than `maxBytes`. */
export function createFrameReader(maxBytes: number, onFrame: (body: Buffer) => void, onOversize: (bytes: number) => void): FrameReader {
  let pending: Buffer[] = [];
  let buffered = 0;
  let length: number | undefined; // of the frame being received, once its header is in
  let failed = false;
  const take = (bytes: number): Buffer => {
    const joined = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
    pending = joined.length > bytes ? [joined.subarray(bytes)] : [];
    buffered -= bytes;
    return joined.subarray(0, bytes);
  };
  return {
    push(chunk) {
      if (failed) return;
      pending.push(chunk);
      buffered += chunk.length;
      for (;;) {
        if (length === undefined) {
          if (buffered < 4) return;
          length = take(4).readUInt32BE(0);
          if (length > maxBytes) {
            failed = true;
            pending = [];
            return onOversize(length);
          }
        }
        // Joined only once the whole frame is in: a large frame is copied once, not per chunk.
        if (buffered < length) return;
        const body = take(length);
        length = undefined;
        onFrame(body);
      }
    },
  };
}

export function decodeRequest(body: Buffer): unknown {
  return deserialize(body);
}

export function decodeReply(body: Buffer): unknown {
  return JSON.parse(body.toString("utf8"));
}
