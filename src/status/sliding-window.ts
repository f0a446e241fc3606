// Counts events per key over a sliding window, with bounded memory: keys whose events have all
// expired are dropped, and past `maxKeys` the least recently used keys go first (so a flood of
// addresses cannot grow it without bound).
export interface SlidingWindow {
  count(key: string, now?: number): number;
  add(key: string, now?: number): void;
  /** Seconds until the oldest counted event leaves the window (at least 1). */
  retryAfter(key: string, now?: number): number;
  size(): number;
}

export function createSlidingWindow(options: { windowMs: number; maxPerKey: number; maxKeys?: number }): SlidingWindow {
  const { windowMs } = options;
  const maxKeys = options.maxKeys ?? 10_000;
  const events = new Map<string, number[]>();

  function recent(key: string, now: number): number[] {
    const times = (events.get(key) ?? []).filter((time) => now - time < windowMs);
    if (times.length === 0) events.delete(key);
    else events.set(key, times);
    return times;
  }

  function trim(now: number): void {
    if (events.size <= maxKeys) return;
    for (const key of [...events.keys()]) recent(key, now);
    // Map order is insertion order and add() re-inserts: the first keys are the least recently used.
    for (const key of events.keys()) {
      if (events.size <= maxKeys) break;
      events.delete(key);
    }
  }

  return {
    count: (key, now = Date.now()) => recent(key, now).length,
    add(key, now = Date.now()) {
      const times = recent(key, now);
      events.delete(key);
      events.set(key, [...times.slice(Math.max(0, times.length - options.maxPerKey + 1)), now]);
      trim(now);
    },
    retryAfter(key, now = Date.now()) {
      const oldest = recent(key, now)[0] ?? now;
      return Math.max(1, Math.ceil((windowMs - (now - oldest)) / 1000));
    },
    size: () => events.size,
  };
}
