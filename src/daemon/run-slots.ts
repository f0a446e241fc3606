// How many runs may go at once across all stacks (default 1: a Pi has little to spare). Stacks wait
// for a slot in the order they asked, and a stack asks again after each run, so one stack with a
// long queue cannot keep the others waiting: the order is fair (round robin among waiting stacks).

export type Release = () => void;

export interface RunSlots {
  /** Resolves with a release function once a slot is free. */
  acquire(): Promise<Release>;
  /** A free slot now (nobody waiting before us), else undefined. */
  tryAcquire(): Release | undefined;
  /** Runs holding a slot now. */
  active(): number;
  readonly limit: number;
}

export function createRunSlots(limit = 1): RunSlots {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`run concurrency must be a whole number of at least 1, got ${limit}`);
  let active = 0;
  const waiting: Array<() => void> = [];

  function grant(): Release {
    active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      active--;
      const next = waiting.shift();
      if (next) next();
    };
  }

  return {
    limit,
    active: () => active,
    tryAcquire: () => (active < limit && waiting.length === 0 ? grant() : undefined),
    acquire() {
      if (active < limit && waiting.length === 0) return Promise.resolve(grant());
      return new Promise((resolve) => waiting.push(() => resolve(grant())));
    },
  };
}
