// POST /zones/{zone_id}/purge_cache: exactly one of purge_everything, files, hosts, prefixes, tags.
import { fail } from "../../envelope.ts";
import { nowIso } from "../../ids.ts";
import type { Router } from "../../router.ts";
import { bodyObject } from "../../requests.ts";
import { requireZone } from "../zones/slice.ts";
import { purgesOf } from "./slice.ts";

const maxKeptPurges = 1000;
const listKinds = ["files", "hosts", "prefixes", "tags"] as const;

export function addPurgeRoutes(router: Router): void {
  router.add("POST", "/zones/{zone_id}/purge_cache", (ctx) => {
    const zone = requireZone(ctx);
    const body = bodyObject(ctx);
    const given = [...(body.purge_everything !== undefined ? ["purge_everything"] : []), ...listKinds.filter((kind) => body[kind] !== undefined)];
    if (given.length !== 1) {
      throw fail(400, 1012, 'Request must contain exactly one of "purge_everything", "files", "tags", "hosts" or "prefixes"');
    }
    if (given[0] === "purge_everything" && body.purge_everything !== true) throw fail(400, 1012, '"purge_everything" must be true');
    for (const kind of listKinds) {
      const list = body[kind];
      if (list === undefined) continue;
      if (!Array.isArray(list) || list.length === 0) throw fail(400, 1012, `"${kind}" must be a non-empty list`);
      if (list.length > 100) throw fail(400, 1015, `At most 100 ${kind} may be purged per request; got ${list.length}`);
      const bad = list.find((item) => (kind === "files" ? typeof item !== "string" && (item === null || typeof item !== "object" || typeof item.url !== "string") : typeof item !== "string"));
      if (bad !== undefined) throw fail(400, 1012, `"${kind}" contains an invalid entry: ${JSON.stringify(bad)}`);
    }
    const purges = purgesOf(ctx.store);
    purges.push({ zone_id: zone.id, body, at: nowIso() });
    // Kept for tests to inspect; bounded so a long-running emulator does not grow without end.
    if (purges.length > maxKeptPurges) purges.splice(0, purges.length - maxKeptPurges);
    return { result: { id: zone.id }, audit: [{ action: "create", resource: "cache_purge", id: zone.id, zone: { id: zone.id, name: zone.name }, request: body }] };
  });
}
