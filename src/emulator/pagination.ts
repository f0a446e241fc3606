// Cloudflare's page/per_page paging. A page past the end is empty, which is what stops the SDK.
import { fail, type ResultInfo } from "./envelope.ts";

export interface PageLimits {
  defaultPerPage: number;
  maxPerPage: number;
  minPerPage?: number;
}

function intParam(value: string | null, name: string, fallback: number): number {
  if (value === null || value === "") return fallback;
  const number = Number(value);
  if (!Number.isInteger(number)) throw fail(400, 1001, `Invalid ${name}: "${value}" is not an integer`);
  return number;
}

export function paginate<T>(items: T[], query: URLSearchParams, limits: PageLimits): { page: T[]; info: ResultInfo } {
  const page = intParam(query.get("page"), "page", 1);
  const perPage = intParam(query.get("per_page"), "per_page", limits.defaultPerPage);
  const min = limits.minPerPage ?? 1;
  if (page < 1) throw fail(400, 1001, `Invalid page: must be 1 or more, got ${page}`);
  if (perPage < min || perPage > limits.maxPerPage) {
    throw fail(400, 1001, `Invalid per_page: must be between ${min} and ${limits.maxPerPage}, got ${perPage}`);
  }
  const start = (page - 1) * perPage;
  const slice = items.slice(start, start + perPage);
  return {
    page: slice,
    info: {
      page,
      per_page: perPage,
      count: slice.length,
      total_count: items.length,
      total_pages: Math.max(1, Math.ceil(items.length / perPage)),
    },
  };
}
