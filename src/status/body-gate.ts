// A cap on request bodies being read at the same time, in all and per client address: past it, a
// request is refused with 503 and Retry-After before any of its body is read, so a burst of large
// posts cannot fill memory, and slow senders from one address cannot hold every slot.
import { HttpError } from "./http-util.ts";

export interface BodyGate {
  /** Takes a slot for the address (or throws 503); call the returned function when the body is read. */
  enter(address: string): () => void;
  inFlight(): number;
}

export function createBodyGate(max: number, perAddress = max, retryAfterSeconds = 5): BodyGate {
  let inFlight = 0;
  const byAddress = new Map<string, number>();
  const busy = (what: string) => new HttpError(503, "busy", `too many request bodies in flight${what}; retry later`, { "Retry-After": String(retryAfterSeconds) });
  return {
    enter(address) {
      if (inFlight >= max) throw busy("");
      const held = byAddress.get(address) ?? 0;
      if (held >= perAddress) throw busy(" from this address");
      inFlight++;
      byAddress.set(address, held + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        inFlight--;
        const left = (byAddress.get(address) ?? 1) - 1;
        if (left > 0) byAddress.set(address, left);
        else byAddress.delete(address);
      };
    },
    inFlight: () => inFlight,
  };
}
