// All emulated state, in memory. Serialises to one JSON document for --state.
import { ZoneRecords } from "./dns/zone-records.ts";
import type { AuditEntry } from "./audit/types.ts";
import type { BulkOperation, DnsRecord, ListItem, PurgeRequest, Ruleset, RulesList, StoredSetting, Tunnel, TunnelConfig, Zone } from "./types.ts";

export interface StoreSnapshot {
  format: "cf-gitops-emulator-state";
  version: 1;
  accountId: string;
  accountName: string;
  zones: Zone[];
  records: Record<string, DnsRecord[]>;
  settings: Record<string, Record<string, StoredSetting>>;
  rulesets: Record<string, Ruleset[]>;
  tunnels: Tunnel[];
  tunnelConfigs: TunnelConfig[];
  purges: PurgeRequest[];
  /** Added after the first release of the format; absent in older state files. */
  lists?: RulesList[];
  listItems?: Record<string, ListItem[]>;
  bulkOperations?: BulkOperation[];
  audit?: AuditEntry[];
}

export class EmulatorStore {
  accountId: string;
  accountName: string;
  zones = new Map<string, Zone>();
  records = new Map<string, ZoneRecords>();
  /** Only settings changed from their default; zone id -> setting id -> value. */
  settings = new Map<string, Map<string, StoredSetting>>();
  /** zone id -> phase -> entrypoint ruleset. */
  rulesets = new Map<string, Map<string, Ruleset>>();
  tunnels = new Map<string, Tunnel>();
  tunnelConfigs = new Map<string, TunnelConfig>();
  purges: PurgeRequest[] = [];
  lists = new Map<string, RulesList>();
  /** list id -> items, in the order they were added. */
  listItems = new Map<string, ListItem[]>();
  bulkOperations = new Map<string, BulkOperation>();
  /** Oldest first, bounded by audit/recorder.ts. */
  audit: AuditEntry[] = [];

  constructor(accountId: string, accountName = "cf-gitops emulator account") {
    this.accountId = accountId;
    this.accountName = accountName;
  }

  zoneRecords(zoneId: string): ZoneRecords {
    let zone = this.records.get(zoneId);
    if (!zone) this.records.set(zoneId, (zone = new ZoneRecords()));
    return zone;
  }

  clear(): void {
    this.zones.clear();
    this.records.clear();
    this.settings.clear();
    this.rulesets.clear();
    this.tunnels.clear();
    this.tunnelConfigs.clear();
    this.purges = [];
    this.lists.clear();
    this.listItems.clear();
    this.bulkOperations.clear();
    this.audit = [];
  }

  toSnapshot(): StoreSnapshot {
    const mapOf = <T, U>(map: Map<string, T>, f: (value: T) => U) =>
      Object.fromEntries([...map].map(([key, value]) => [key, f(value)]));
    return {
      format: "cf-gitops-emulator-state",
      version: 1,
      accountId: this.accountId,
      accountName: this.accountName,
      zones: [...this.zones.values()],
      records: mapOf(this.records, (zone) => zone.all()),
      settings: mapOf(this.settings, (settings) => Object.fromEntries(settings)),
      rulesets: mapOf(this.rulesets, (phases) => [...phases.values()]),
      tunnels: [...this.tunnels.values()],
      tunnelConfigs: [...this.tunnelConfigs.values()],
      purges: this.purges,
      lists: [...this.lists.values()],
      listItems: Object.fromEntries(this.listItems),
      bulkOperations: [...this.bulkOperations.values()],
      audit: this.audit,
    };
  }

  load(snapshot: StoreSnapshot): void {
    this.clear();
    this.accountId = snapshot.accountId;
    this.accountName = snapshot.accountName;
    for (const zone of snapshot.zones) this.zones.set(zone.id, zone);
    for (const [zoneId, records] of Object.entries(snapshot.records)) this.records.set(zoneId, ZoneRecords.from(records));
    for (const [zoneId, settings] of Object.entries(snapshot.settings)) this.settings.set(zoneId, new Map(Object.entries(settings)));
    for (const [zoneId, rulesets] of Object.entries(snapshot.rulesets)) {
      this.rulesets.set(zoneId, new Map(rulesets.map((ruleset) => [ruleset.phase, ruleset])));
    }
    for (const tunnel of snapshot.tunnels) this.tunnels.set(tunnel.id, tunnel);
    for (const config of snapshot.tunnelConfigs) this.tunnelConfigs.set(config.tunnel_id, config);
    this.purges = snapshot.purges ?? [];
    for (const list of snapshot.lists ?? []) this.lists.set(list.id, list);
    for (const [listId, items] of Object.entries(snapshot.listItems ?? {})) this.listItems.set(listId, items);
    for (const operation of snapshot.bulkOperations ?? []) this.bulkOperations.set(operation.id, operation);
    this.audit = snapshot.audit ?? [];
  }
}
