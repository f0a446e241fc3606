// One zone's DNS records, indexed by id and by lower-case name so conflict checks are O(records at a name).
import type { DnsRecord } from "./types.ts";

export class ZoneRecords {
  readonly byId: Map<string, DnsRecord>;
  readonly byName: Map<string, Set<string>>;
  /** While a transaction runs: how to undo each change, newest last. */
  private undo: Array<() => void> | undefined;

  constructor(byId = new Map<string, DnsRecord>(), byName = new Map<string, Set<string>>()) {
    this.byId = byId;
    this.byName = byName;
  }

  static from(records: DnsRecord[]): ZoneRecords {
    const zone = new ZoneRecords();
    for (const record of records) zone.put(record);
    return zone;
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): DnsRecord | undefined {
    return this.byId.get(id);
  }

  atName(name: string): DnsRecord[] {
    const ids = this.byName.get(name.toLowerCase());
    if (!ids) return [];
    return [...ids].map((id) => this.byId.get(id)!).filter(Boolean);
  }

  /** Adds or replaces (by id). Records are treated as immutable: replace, never mutate. */
  put(record: DnsRecord): void {
    const previous = this.byId.get(record.id);
    this.undo?.push(previous ? () => this.put(previous) : () => this.remove(record.id));
    if (previous) this.unindex(previous);
    this.byId.set(record.id, record);
    const key = record.name.toLowerCase();
    let ids = this.byName.get(key);
    if (!ids) this.byName.set(key, (ids = new Set()));
    ids.add(record.id);
  }

  remove(id: string): DnsRecord | undefined {
    const record = this.byId.get(id);
    if (!record) return undefined;
    this.undo?.push(() => this.put(record));
    this.unindex(record);
    this.byId.delete(id);
    return record;
  }

  all(): DnsRecord[] {
    return [...this.byId.values()];
  }

  /**
   * Runs `work` all or nothing: if it throws, every change it made is undone (in reverse order)
   * before the error propagates. Costs O(changes), not O(records in the zone).
   */
  transaction<T>(work: () => T): T {
    if (this.undo) throw new Error("nested DNS transactions are not supported");
    const undo: Array<() => void> = [];
    this.undo = undo;
    try {
      return work();
    } catch (error) {
      this.undo = undefined;
      for (const step of undo.reverse()) step();
      throw error;
    } finally {
      this.undo = undefined;
    }
  }

  private unindex(record: DnsRecord): void {
    const key = record.name.toLowerCase();
    const ids = this.byName.get(key);
    ids?.delete(record.id);
    if (ids?.size === 0) this.byName.delete(key);
  }
}
