// GitHub delivery ids (X-GitHub-Delivery) already received, so a replayed delivery runs nothing.
// Memory is bounded: the oldest ids are forgotten past `max` (GitHub's own redeliveries reuse the id,
// so they are refused too; POST /api/reconcile is the way to run again on purpose).
export interface DeliveryLog {
  /** Records the id; false when it was already there. */
  remember(id: string): boolean;
  size(): number;
}

export function createDeliveryLog(max: number): DeliveryLog {
  const ids = new Set<string>();
  return {
    remember(id) {
      if (ids.has(id)) return false;
      ids.add(id);
      if (ids.size > max) ids.delete(ids.values().next().value!);
      return true;
    },
    size: () => ids.size,
  };
}
