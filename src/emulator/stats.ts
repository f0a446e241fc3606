// Request counting, by method + route template + status, with the ordered log tests assert on.

export interface RequestLogEntry {
  method: string;
  route: string;
  status: number;
}

export interface EmulatorStats {
  total: number;
  /** Requests that were not GET (attempted writes, whatever their outcome). */
  writes: number;
  /** "GET /zones/{zone_id}/dns_records 200" -> count. */
  counts: Record<string, number>;
  requests: RequestLogEntry[];
}

const maxLog = 200_000;

export class StatsRecorder {
  private log: RequestLogEntry[] = [];
  private counts = new Map<string, number>();
  private total = 0;
  private writes = 0;

  record(entry: RequestLogEntry): void {
    this.total++;
    if (entry.method !== "GET") this.writes++;
    const key = `${entry.method} ${entry.route} ${entry.status}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    if (this.log.length < maxLog) this.log.push(entry);
  }

  snapshot(): EmulatorStats {
    return { total: this.total, writes: this.writes, counts: Object.fromEntries(this.counts), requests: [...this.log] };
  }

  reset(): void {
    this.log = [];
    this.counts.clear();
    this.total = 0;
    this.writes = 0;
  }
}
