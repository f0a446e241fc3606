import { describe, expect, it } from "vitest";
import { ApiFailure } from "./envelope.ts";
import { FaultInjector } from "./faults.ts";

function outcome(faults: FaultInjector, method: string, route: string, path: string, now: number): number {
  try {
    faults.check(method, route, path, now);
    return 200;
  } catch (error) {
    return (error as ApiFailure).status;
  }
}

describe("FaultInjector", () => {
  it("allows `limit` requests per window, then 429 with the seconds left as retry-after", () => {
    const faults = new FaultInjector({ rateLimit: { limit: 2, windowMs: 10_000 } });
    expect([0, 1, 2].map((t) => outcome(faults, "GET", "/zones", "/zones", t))).toEqual([200, 200, 429]);
    const limited = (() => {
      try {
        faults.check("GET", "/zones", "/zones", 2_500);
      } catch (error) {
        return error as ApiFailure;
      }
      return undefined;
    })();
    expect(limited?.headers["retry-after"]).toBe("8");
    expect(outcome(faults, "GET", "/zones", "/zones", 10_000)).toBe(200);
  });

  it("fails only the requests matching method and route, `count` times", () => {
    const faults = new FaultInjector({ failNext: [{ method: "POST", route: "/zones/{zone_id}/dns_records/batch", status: 502, count: 2 }] });
    const batch = ["POST", "/zones/{zone_id}/dns_records/batch", "/zones/abc/dns_records/batch"] as const;
    expect(outcome(faults, "GET", batch[1], batch[2], 0)).toBe(200);
    expect([1, 2, 3].map((t) => outcome(faults, ...batch, t))).toEqual([502, 502, 200]);
    expect(faults.get().failNext).toEqual([]);
  });

  it("rejects nonsense settings", () => {
    expect(() => new FaultInjector({ errorEvery: { n: 2, status: 404 } })).toThrow(ApiFailure);
    expect(() => new FaultInjector({ failNext: [{ route: "" }] })).toThrow(ApiFailure);
    expect(() => new FaultInjector({ bulkOperations: { polls: -1 } })).toThrow("bulkOperations.polls and delayMs must be integers >= 0");
    expect(() => new FaultInjector({ auditLogs: { v2: 200 } })).toThrow("auditLogs.v2 and v1 must be HTTP error statuses");
    expect(new FaultInjector({ bulkOperations: { polls: 2 }, auditLogs: { v1: 403 } }).get()).toMatchObject({ bulkOperations: { polls: 2 }, auditLogs: { v1: 403 } });
  });
});
