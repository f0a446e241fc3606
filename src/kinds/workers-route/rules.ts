// Semantic rules for Workers routes, reported at the column inside the pattern where the problem
// is: a host outside the zone, a wildcard in the middle, a query string; and each pattern once.
import type { ZoneRule } from "../kind.ts";
import { uniqueIdentityRule } from "../shared/object-per-item/rules.ts";
import { workersRouteObjects } from "./normalise.ts";

export const uniquePatternRule: ZoneRule = uniqueIdentityRule(workersRouteObjects);

/** Where the host starts and ends in a pattern (after an optional http:// or https://). */
export function hostSpan(pattern: string): { start: number; end: number } {
  const scheme = /^https?:\/\//i.exec(pattern);
  const start = scheme ? scheme[0].length : 0;
  const slash = pattern.indexOf("/", start);
  return { start, end: slash < 0 ? pattern.length : slash };
}

export const patternRule: ZoneRule = {
  name: "workers-route-pattern",
  check({ zone, locate }, report) {
    for (const route of zone.workers_routes ?? []) {
      const pattern = route.pattern;
      const at = (index: number) => locate(route, "pattern", index);
      const query = pattern.search(/[?#]/);
      if (query >= 0) {
        report({ code: "workers-route-query-string", message: `a route pattern matches a host and a path, not a ${pattern[query] === "?" ? "query string" : "fragment"}: "${pattern.slice(query)}"`, hint: "remove it; a Worker reads the query string itself (new URL(request.url).searchParams)" }, at(query));
      }
      const { start, end } = hostSpan(pattern);
      const stop = query >= 0 ? query : pattern.length;
      const last = stop - 1;
      for (let index = pattern.indexOf("*"); index >= 0 && index < stop; index = pattern.indexOf("*", index + 1)) {
        if (index === start || index === last) continue;
        report({ code: "workers-route-infix-wildcard", message: "`*` may only start the host (the zone and its subdomains) or end the path, not stand in the middle", hint: "e.g. *.example.com/* or shop.example.com/api/*" }, at(index));
        break;
      }
      const host = pattern.slice(start, end).toLowerCase().replace(/^\*\.?/, "").replace(/:\d+$/, "");
      if (host !== "" && host !== zone.zone && !host.endsWith(`.${zone.zone}`)) {
        report({ code: "workers-route-host-outside-zone", message: `"${pattern.slice(start, end)}" is not ${zone.zone} or a name under it`, hint: `a route belongs to its zone's file: move it to the zone of ${host}, or fix the host` }, at(start));
      }
    }
  },
};
