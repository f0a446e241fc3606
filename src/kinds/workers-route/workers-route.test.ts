// Workers routes: pattern checks at the column inside the pattern (a host outside the zone, a
// wildcard in the middle, a query string, a pattern listed twice), and the native engine end to end
// against the emulator through the CLI: plan, apply with one write per change, drift, import (no key
// for a zone without routes) and a bad pattern that writes nothing.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type Cloudflare from "cloudflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator/index.ts";
import { emulatorWith, removeRepo, runMain, sdk, tempRepo, writeFiles, type CliRun } from "../../../test/native-support.ts";
import { loadFiles, where } from "../shared/test-fixtures.ts";
import { pulumi } from "./pulumi.ts";
import { workersRouteObjects, type WorkersRouteValue } from "./normalise.ts";
import { objectResource } from "../shared/object-per-item/object-kind.ts";

const zoneFile = (...routes: string[]) => ["zone: example.com", "workers_routes:", ...routes.map((route) => `  - ${route}`), ""].join("\n");

async function diagnostics(...routes: string[]): Promise<string[]> {
  return where(await loadFiles({ "zones/example.com.yaml": zoneFile(...routes) }));
}

/** The column of `needle` (its nth occurrence) on line `line` of the zone file. */
function column(routes: string[], line: number, needle: string, nth = 0): number {
  const text = zoneFile(...routes).split("\n")[line - 1]!;
  let index = -1;
  for (let i = 0; i <= nth; i++) index = text.indexOf(needle, index + 1);
  return index + 1;
}

describe("Workers route patterns", () => {
  it("accepts the zone, its subdomains, a leading wildcard, a scheme and a trailing wildcard", async () => {
    expect(await diagnostics('{ pattern: "example.com/*", script: site }', '{ pattern: "*.example.com/api/*", script: api }', '{ pattern: "*example.com/static/*" }', '{ pattern: "https://shop.example.com/cart", script: shop }')).toEqual([]);
  });

  it.each([
    ["a host outside the zone", '{ pattern: "shop.example.net/*", script: shop }', "shop.example.net", "workers-route-host-outside-zone", '"shop.example.net" is not example.com or a name under it'],
    ["a look-alike host", '{ pattern: "https://badexample.com/*" }', "badexample.com", "workers-route-host-outside-zone", '"badexample.com" is not example.com or a name under it'],
    ["a wildcard in the middle", '{ pattern: "example.com/*.jpg", script: images }', "*", "workers-route-infix-wildcard", "`*` may only start the host (the zone and its subdomains) or end the path, not stand in the middle"],
    ["a wildcard inside the host", '{ pattern: "shop.*.example.com/*" }', "*", "workers-route-infix-wildcard", "`*` may only start the host (the zone and its subdomains) or end the path, not stand in the middle"],
    ["a query string", '{ pattern: "example.com/search?q=*", script: search }', "?", "workers-route-query-string", 'a route pattern matches a host and a path, not a query string: "?q=*"'],
  ])("reports %s at its column inside the pattern", async (_what, route, needle, code, message) => {
    expect(await diagnostics(route)).toEqual([`zones/example.com.yaml:3:${column([route], 3, needle)} error ${code}: ${message}`]);
  });

  it("reports a pattern listed twice at the second, naming the first one's line", async () => {
    const routes = ['{ pattern: "example.com/api/*", script: a }', '{ pattern: "example.com/api/*", script: b }'];
    expect(await diagnostics(...routes)).toEqual([`zones/example.com.yaml:4:${column(routes, 4, '"example.com')} error workers-route-duplicate-pattern: duplicate Workers route pattern "example.com/api/*"`]);
  });

  it("declares a cloudflare.WorkersRoute per route, imported as <zone_id>/<route_id>", () => {
    const route = { ...objectResource(workersRouteObjects, "example.com", { pattern: "example.com/api/*", script: "api" } as WorkersRouteValue), cloudId: "r1" };
    expect(pulumi.type).toBe("cloudflare:index/workersRoute:WorkersRoute");
    expect(pulumi.logicalName(route)).toBe("example.com/workers_routes/example.com/api/%2A");
    expect(pulumi.importId(pulumi.logicalName(route), [route], { accountId: "a", zoneId: () => "z1", meta: () => undefined })).toBe("z1/r1");
    expect(pulumi.fromState(pulumi.logicalName(route), { zoneId: "z1", pattern: "example.com/api/*", script: "api" }, { desiredByKey: new Map() })[0]?.value).toEqual({ pattern: "example.com/api/*", script: "api" });
  });
});

describe("Workers routes through the native engine (CLI against the emulator)", () => {
  let emulator: RunningEmulator;
  let client: Cloudflare;
  let root: string;
  let zoneId: string;
  const cli = (...args: string[]): Promise<CliRun> => runMain(args, { cwd: root, emulator });
  const writes = () => emulator.stats().requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.route}`);
  const routes = ['{ pattern: "example.com/api/*", script: api }', '{ pattern: "*.example.com/static/*" }'];

  beforeAll(async () => {
    emulator = await emulatorWith(["example.com"]);
    client = sdk(emulator);
    zoneId = (await client.zones.list({ name: "example.com" })).result[0]!.id;
    root = await tempRepo({ "stacks/default.yaml": "engine: native\n", "desired-state/zones/example.com.yaml": zoneFile(...routes) });
  });
  afterAll(async () => {
    await emulator.close();
    await removeRepo(root);
  });

  it("plans, applies with one write per change, and then plans nothing", async () => {
    const plan = JSON.parse((await cli("plan", "--format", "json")).stdout) as { changes: { op: string; id: string }[] };
    expect(plan.changes.map((c) => `${c.op} ${c.id}`)).toEqual(["create example.com/workers_routes/*.example.com/static/*", "create example.com/workers_routes/example.com/api/*"]);
    expect(writes()).toEqual([]);
    expect((await cli("apply", "--yes")).code).toBe(0);
    expect(writes()).toEqual(["POST /zones/{zone_id}/workers/routes", "POST /zones/{zone_id}/workers/routes"]);
    const live = [];
    for await (const route of client.workers.routes.list({ zone_id: zoneId })) live.push({ pattern: route.pattern, script: route.script });
    expect(live).toEqual([{ pattern: "*.example.com/static/*", script: undefined }, { pattern: "example.com/api/*", script: "api" }]);

    await writeFiles(root, { "desired-state/zones/example.com.yaml": zoneFile('{ pattern: "example.com/api/*", script: api-v2 }', '{ pattern: "shop.example.com/*", script: shop }') });
    const before = writes().length;
    const second = await cli("apply", "--yes");
    expect(second.code).toBe(0);
    expect(writes().slice(before).sort()).toEqual(["DELETE /zones/{zone_id}/workers/routes/{route_id}", "POST /zones/{zone_id}/workers/routes", "PUT /zones/{zone_id}/workers/routes/{route_id}"]);
    const clean = await cli("plan", "--detailed-exitcode");
    expect(clean.code).toBe(0);
  }, 60_000);

  it("reports a Worker changed by hand (as wrangler deploy would) as drift, and apply puts it back", async () => {
    const route = (await client.workers.routes.list({ zone_id: zoneId })).result.find((candidate) => candidate.pattern === "example.com/api/*")!;
    await client.workers.routes.update(route.id, { zone_id: zoneId, pattern: route.pattern, script: "deployed-by-hand" });
    const drift = await cli("drift", "--detailed-exitcode", "--format", "json");
    expect(drift.code).toBe(2);
    const changes = (JSON.parse(drift.stdout) as { changes: { op: string; id: string; fields: string[]; before: { script: string } }[] }).changes;
    expect(changes.map((c) => `${c.op} ${c.id} ${c.fields.join(",")} ${c.before.script}`)).toEqual(["update example.com/workers_routes/example.com/api/* script deployed-by-hand"]);
    expect((await cli("apply", "--yes")).code).toBe(0);
    expect((await cli("drift", "--detailed-exitcode")).code).toBe(0);
  }, 60_000);

  it("imports the zone's routes, and writes no workers_routes: key for a zone without any", async () => {
    const fresh = await tempRepo({ "stacks/default.yaml": "engine: native\n" });
    try {
      expect((await runMain(["import", "--zone", "example.com"], { cwd: fresh, emulator })).code).toBe(0);
      const text = await readFile(join(fresh, "desired-state/zones/example.com.yaml"), "utf8");
      expect(text).toContain("workers_routes:\n  - pattern: example.com/api/*\n    script: api-v2\n  - pattern: shop.example.com/*\n    script: shop\n");
      expect((await runMain(["plan", "--detailed-exitcode"], { cwd: fresh, emulator })).code).toBe(0);
      emulator.seedZone("empty.example");
      expect((await runMain(["import", "--zone", "empty.example"], { cwd: fresh, emulator })).code).toBe(0);
      expect(await readFile(join(fresh, "desired-state/zones/empty.example.yaml"), "utf8")).not.toContain("workers_routes");
    } finally {
      await removeRepo(fresh);
    }
  }, 60_000);

  it("refuses a bad pattern before any call: the message names the column, and nothing is written", async () => {
    await writeFiles(root, { "desired-state/zones/example.com.yaml": zoneFile('{ pattern: "example.com/a*b", script: api }') });
    const before = emulator.stats().requests.length;
    const applied = await cli("apply", "--yes");
    expect(applied.code).toBe(1);
    expect(`${applied.stdout}${applied.stderr}`).toContain(`desired-state/zones/example.com.yaml:3:${column(['{ pattern: "example.com/a*b", script: api }'], 3, "*")}: error workers-route-infix-wildcard`);
    expect(emulator.stats().requests.slice(before).filter((r) => r.method !== "GET")).toEqual([]);
  }, 60_000);
});
