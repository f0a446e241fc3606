// The Workers routes part of the engine conformance suite: two routes (one runs no Worker); one
// pointed at another Worker and one added; one removed; a route's Worker changed through the API
// (as `wrangler deploy` would) as drift.
import type { KindScenario } from "../conformance.ts";

const routes = {
  api: (script: string) => `  - { pattern: "example.com/api/*", script: ${script} }`,
  static: `  - { pattern: "*.example.com/static/*" }`,
  shop: `  - { pattern: "shop.example.com/*", script: shop-worker }`,
};
const id = (pattern: string) => `example.com/workers_routes/${pattern}`;

export const scenario: KindScenario = {
  create: {
    zone: ["workers_routes:", routes.api("api-worker"), routes.static],
    expect: [`create workers-route ${id("example.com/api/*")} [pattern,script]`, `create workers-route ${id("*.example.com/static/*")} [pattern]`],
  },
  update: {
    zone: ["workers_routes:", routes.api("api-worker-v2"), routes.static, routes.shop],
    expect: [`update workers-route ${id("example.com/api/*")} [script]`, `create workers-route ${id("shop.example.com/*")} [pattern,script]`],
  },
  remove: {
    zone: ["workers_routes:", routes.shop, routes.api("api-worker-v2")],
    expect: [`delete workers-route ${id("*.example.com/static/*")} [pattern]`],
  },
  drift: {
    async edit(api) {
      const path = `/zones/${api.zoneId}/workers/routes`;
      const live = await api.request<Array<{ id: string; pattern: string }>>("GET", path);
      const route = live.find((candidate) => candidate.pattern === "example.com/api/*")!;
      await api.request("PUT", `${path}/${route.id}`, { pattern: route.pattern, script: "deployed-by-wrangler" });
    },
    expect: [`update workers-route ${id("example.com/api/*")} [script]`],
  },
};
