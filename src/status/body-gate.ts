// A cap on request bodies being read at the same time: past it, a request is refused with 503 and
// Retry-After before any of its body is read, so a burst of large posts cannot fill memory.
import { HttpError } from "./http-util.ts";

export interface BodyGate {
  /** Takes a slot (or throws 503); call the returned function when the body is read. */
  enter(): () => void;
  inFlight(): number;
}

export function createBodyGate(max: number, retryAfterSeconds = 5): BodyGate {
  let inFlight = 0;
  return {
    enter() {
      if (inFlight >= max) throw new HttpError(503, "busy", "too many request bodies in flight; retry later", { "Retry-After": String(retryAfterSeconds) });
      inFlight++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        inFlight--;
      };
    },
    inFlight: () => inFlight,
  };
}
