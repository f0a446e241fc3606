// The `since` / `before` parameters both audit log endpoints take: a date (2019-04-30, UTC
// midnight) or an RFC 3339 timestamp. `since` is inclusive, `before` exclusive.
import { ApiFailure } from "../../envelope.ts";

export interface TimeRange {
  since?: number;
  before?: number;
}

function parseInstant(name: string, value: string): number {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  const time = /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(time)) throw new ApiFailure(400, [{ code: 1001, message: `Invalid format for parameter ${name}: "${value}" is not a date or an RFC 3339 timestamp` }]);
  return time;
}

export function timeRange(query: URLSearchParams, required: boolean): TimeRange {
  const range: TimeRange = {};
  for (const name of ["since", "before"] as const) {
    const value = query.get(name);
    if (value === null || value === "") {
      // The v2 wording, as observed on 2026-05-27 (there, the error carries no code).
      if (required) throw new ApiFailure(400, [{ message: `Invalid format for parameter ${name}: query parameter '${name}' is required` }]);
      continue;
    }
    range[name] = parseInstant(name, value);
  }
  return range;
}

export function inRange(time: string, range: TimeRange): boolean {
  const at = Date.parse(time);
  return (range.since === undefined || at >= range.since) && (range.before === undefined || at < range.before);
}
