// Deliveries already received, by GitHub's delivery id (X-GitHub-Delivery) and by the hash of the
// signed body: the id is not covered by the signature, so a captured body sent again under a new id
// is a replay too. Memory is bounded: the oldest are forgotten past `max` (GitHub's own
// redeliveries reuse both, so they are refused too; POST /api/reconcile runs again on purpose).
export interface DeliveryLog {
  /** Records the delivery; false when its id or its body was seen before. */
  remember(id: string | undefined, bodyHash: string): boolean;
  size(): number;
}

function remembered(max: number) {
  const keys = new Set<string>();
  return {
    has: (key: string) => keys.has(key),
    add(key: string) {
      keys.add(key);
      if (keys.size > max) keys.delete(keys.values().next().value!);
    },
    size: () => keys.size,
  };
}

export function createDeliveryLog(max: number): DeliveryLog {
  const ids = remembered(max);
  const bodies = remembered(max);
  return {
    remember(id, bodyHash) {
      const seen = (id !== undefined && ids.has(id)) || bodies.has(bodyHash);
      if (id !== undefined) ids.add(id);
      bodies.add(bodyHash);
      return !seen;
    },
    size: () => bodies.size(),
  };
}
