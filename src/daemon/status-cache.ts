// The status model behind the page, /api/status and status.json. It is rebuilt when a run starts
// or ends (invalidate) or when it is a few seconds old (ages, next check), never per request, so
// the page and the API stay fast under load.
import type { StatusModel } from "../status/model.ts";

export interface StatusCache {
  get(): StatusModel;
  invalidate(): void;
}

export function createStatusCache(build: () => StatusModel, options: { maxAgeMs?: number; now?: () => number } = {}): StatusCache {
  const maxAge = options.maxAgeMs ?? 5_000;
  const now = options.now ?? Date.now;
  let cached: { model: StatusModel; at: number } | undefined;
  return {
    get() {
      if (cached && now() - cached.at < maxAge) return cached.model;
      cached = { model: build(), at: now() };
      return cached.model;
    },
    invalidate: () => void (cached = undefined),
  };
}
