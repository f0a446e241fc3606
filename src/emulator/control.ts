// /__emulator/…: stats, reset, faults and seeding, for tests and benchmarks. No auth: local use only.
import type { AuditEntry } from "./audit/types.ts";
import { fail } from "./envelope.ts";
import type { DnsRecord } from "./families/dns/types.ts";
import { recordView } from "./families/dns/view.ts";
import type { PurgeRequest } from "./families/purge/types.ts";
import type { FaultConfig } from "./faults.ts";
import type { Router } from "./router.ts";
import type { EmulatorStats } from "./stats.ts";

export interface ControlActions {
  stats: () => EmulatorStats;
  reset: () => void;
  getFaults: () => FaultConfig;
  setFaults: (faults: FaultConfig) => void;
  purges: () => PurgeRequest[];
  audit: () => AuditEntry[];
  seedRecord: (zoneId: string, record: Record<string, unknown>, options: { readOnly?: boolean }) => DnsRecord;
}

export function addControlRoutes(router: Router, actions: ControlActions): void {
  router.add("GET", "/stats", () => ({ result: actions.stats() }));
  router.add("POST", "/reset", () => {
    actions.reset();
    return { result: { reset: true } };
  });
  router.add("GET", "/faults", () => ({ result: actions.getFaults() }));
  router.add("GET", "/purges", () => ({ result: actions.purges() }));
  router.add("GET", "/audit", () => ({ result: actions.audit() }));
  const setFaults = (ctx: { body: unknown }) => {
    const body = ctx.body ?? {};
    if (typeof body !== "object" || Array.isArray(body)) throw fail(400, 1001, "faults must be a JSON object");
    actions.setFaults(body as FaultConfig);
    return { result: actions.getFaults() };
  };
  router.add("PUT", "/faults", setFaults);
  router.add("POST", "/faults", setFaults);
  // Seeds a record the API itself would refuse to write, e.g. one Cloudflare marks read-only.
  router.add("POST", "/zones/{zone_id}/dns_records", (ctx) => {
    const body = (ctx.body ?? {}) as Record<string, unknown>;
    const { read_only: readOnly, ...record } = body;
    return { result: recordView(actions.seedRecord(ctx.params.zone_id ?? "", record, { readOnly: readOnly === true })) };
  });
}
