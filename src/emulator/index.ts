// The Cloudflare API v4 emulator: startable in-process (tests, bench) and by `cf-gitops emulator`.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { addControlRoutes } from "./control.ts";
import { fail } from "./envelope.ts";
import { toPunycode } from "./families/dns/names.ts";
import { createRecord } from "./families/dns/operations.ts";
import { zoneRecords } from "./families/dns/slice.ts";
import type { DnsRecord } from "./families/dns/types.ts";
import { purgesOf } from "./families/purge/slice.ts";
import type { PurgeRequest } from "./families/purge/types.ts";
import { apiRouter, auditNames, storeSlices } from "./families/registry.ts";
import { newZone } from "./families/zones/routes.ts";
import { zonesOf } from "./families/zones/slice.ts";
import type { Zone } from "./families/zones/types.ts";
import { FaultInjector, type FaultConfig } from "./faults.ts";
import { hexId, nowIso } from "./ids.ts";
import { StatePersister } from "./persistence.ts";
import { Router } from "./router.ts";
import { apiPrefix, createListener } from "./server.ts";
import { StatsRecorder, type EmulatorStats } from "./stats.ts";
import { EmulatorStore } from "./store.ts";
import type { UsersOption } from "./audit/actors.ts";
import type { AuditEntry } from "./audit/types.ts";

export type { AuditLogFault, BulkOperationConfig, FaultConfig, FailNextFault, RateLimitFault } from "./faults.ts";
export type { UserMapping, UsersOption } from "./audit/actors.ts";
export type { AuditEntry } from "./audit/types.ts";
export type { EmulatorStats, RequestLogEntry } from "./stats.ts";
export type { DnsRecord } from "./families/dns/types.ts";
export type { PurgeRequest } from "./families/purge/types.ts";
export type { Zone } from "./families/zones/types.ts";

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** 32 hex characters; a fixed default keeps state files and scripts reproducible. */
  accountId?: string;
  /** Accepted bearer tokens; empty or omitted accepts any non-empty token. */
  tokens?: string[];
  /**
   * Token -> the user the audit log names for its changes (an email, or { email, tokenName, via }).
   * Other tokens are logged as api-token@emulator. A token named here is accepted even when
   * `tokens` restricts the rest.
   */
  users?: UsersOption;
  /** Load state from this file if it exists, and write every change to it (atomically). */
  statePath?: string;
  faults?: FaultConfig;
  latencyMs?: number;
  /** Zones that must exist: created at start (and after reset) unless present already. */
  zones?: string[];
  /** Largest number of changes one DNS batch may hold; unlimited when omitted. */
  batchLimit?: number;
}

export interface RunningEmulator {
  /** http://127.0.0.1:<port>/client/v4 */
  baseUrl: string;
  port: number;
  accountId: string;
  stats(): EmulatorStats;
  /** Back to the starting state: no data but the configured zones, no stats, no faults. */
  reset(): void;
  setFaults(faults: FaultConfig): void;
  /** The cache purges received (newest last, at most 1,000). */
  purges(): PurgeRequest[];
  /** The audit log as stored (oldest first, at most 10,000 entries). */
  auditLog(): AuditEntry[];
  /** Adds a zone directly (as if created in the dashboard). */
  seedZone(name: string): Zone;
  /** Adds a record directly; `readOnly` marks it as Cloudflare-managed (meta.read_only). */
  seedRecord(zoneId: string, record: Record<string, unknown>, options?: { readOnly?: boolean }): DnsRecord;
  /** Waits for pending state writes. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export const defaultAccountId = "0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f";

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const accountId = options.accountId ?? defaultAccountId;
  if (!/^[0-9a-f]{32}$/.test(accountId)) throw new Error(`account id must be 32 lower-case hex characters, got "${accountId}"`);
  const store = new EmulatorStore(accountId, storeSlices());
  const persister = options.statePath ? new StatePersister(options.statePath, store) : undefined;
  const loaded = persister ? await persister.load() : false;
  // A state file keeps its account unless one is named explicitly.
  if (!loaded || options.accountId) store.accountId = accountId;

  const stats = new StatsRecorder();
  const initialFaults: FaultConfig = { ...options.faults, latencyMs: options.faults?.latencyMs ?? options.latencyMs };
  const faults = new FaultInjector(initialFaults);

  const seedZone = (rawName: string): Zone => {
    const name = (toPunycode(rawName) ?? rawName).toLowerCase();
    const zones = zonesOf(store);
    const existing = [...zones.values()].find((zone) => zone.name === name);
    if (existing) return existing;
    const zone = newZone(name, store.accountId, store.accountName);
    zones.set(zone.id, zone);
    void persister?.schedule();
    return zone;
  };
  const seedRecord = (zoneId: string, record: Record<string, unknown>, seedOptions: { readOnly?: boolean } = {}): DnsRecord => {
    const zone = zonesOf(store).get(zoneId);
    if (!zone) throw fail(404, 1003, "Invalid or missing zone id.");
    const created = createRecord(zoneRecords(store, zone.id), zone.name, record, nowIso(), seedOptions.readOnly ? { read_only: true } : undefined);
    void persister?.schedule();
    return created;
  };
  const seedConfiguredZones = () => {
    for (const name of options.zones ?? []) seedZone(name);
  };
  seedConfiguredZones();

  const reset = () => {
    store.clear();
    stats.reset();
    faults.set({});
    seedConfiguredZones();
    void persister?.schedule();
  };

  const router = apiRouter({ batchLimit: options.batchLimit });
  const control = new Router();
  addControlRoutes(control, { stats: () => stats.snapshot(), reset, getFaults: () => faults.get(), setFaults: (f) => faults.set(f), purges: () => [...purgesOf(store)], audit: () => [...store.audit], seedRecord });

  const users = options.users ?? {};
  const tokens = options.tokens && options.tokens.length > 0 ? [...options.tokens, ...Object.keys(users)] : undefined;

  const server: Server = createServer(
    { keepAlive: true },
    createListener({ router, control, store, stats, faults, tokens, users, audit: auditNames(), onWrite: () => void persister?.schedule() }),
  );
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host;

  return {
    baseUrl: `http://${urlHost}:${port}${apiPrefix}`,
    port,
    accountId: store.accountId,
    stats: () => stats.snapshot(),
    reset,
    setFaults: (f) => faults.set(f),
    purges: () => structuredClone(purgesOf(store)),
    auditLog: () => structuredClone(store.audit),
    seedZone,
    seedRecord,
    flush: async () => {
      await persister?.flush();
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await persister?.flush();
    },
  };
}

/** A fresh random account id, for callers that want one. */
export function randomAccountId(): string {
  return hexId();
}
