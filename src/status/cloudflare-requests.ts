// Counts Cloudflare API requests by route template (ids replaced) so label cardinality stays bounded.
import type { Metrics } from "./metrics.ts";

const idSegment = /^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+)$/i;

/** `/client/v4/zones/023e.../dns_records/abc...` becomes `/zones/:id/dns_records/:id`. */
export function cloudflareRoute(url: string): string {
  const { pathname } = new URL(url, "http://localhost");
  const path = pathname.replace(/^\/client\/v4(?=\/|$)/, "");
  return path.split("/").map((segment) => (idSegment.test(segment) ? ":id" : segment)).join("/") || "/";
}

export function recordCloudflareRequest(metrics: Metrics, method: string, url: string, status: number | "error"): void {
  metrics.cloudflareRequests.inc({ method: method.toUpperCase(), route: cloudflareRoute(url), status: String(status) });
}

/** Wraps a fetch so every call is counted; pass it as the `fetch` option of the cloudflare SDK. */
export function instrumentFetch(metrics: Metrics, inner: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const request = input instanceof Request ? input : undefined;
    const url = request?.url ?? String(input);
    const method = init?.method ?? request?.method ?? "GET";
    try {
      const response = await inner(input, init);
      recordCloudflareRequest(metrics, method, url, response.status);
      return response;
    } catch (error) {
      recordCloudflareRequest(metrics, method, url, "error");
      throw error;
    }
  };
}
