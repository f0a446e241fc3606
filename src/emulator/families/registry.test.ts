// The family registry is complete and consistent: every folder is registered under its name, the
// SDK types a family names are for routes it serves, state-file keys and audit names are each
// declared once, and the router's route list is what every family registered.
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { Router } from "../router.ts";
import type { EmulatorFamily } from "./family.ts";
import { apiRouter, auditNames, families, storeSlices } from "./registry.ts";
import { zonesFamily } from "./zones/index.ts";

const folder = fileURLToPath(new URL(".", import.meta.url));

describe("emulator family registry", () => {
  it("registers every folder under families/, by its name", () => {
    const folders = readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(families.map((family) => family.name).sort()).toEqual(folders.sort());
  });

  it("names SDK types only for routes the family itself serves", () => {
    for (const family of families) {
      const router = new Router();
      family.routes(router, { audit: auditNames() });
      const own = router.list().map((route) => `${route.method} ${route.template}`);
      expect(Object.keys(family.sdkTypes ?? {}).filter((route) => !own.includes(route)), family.name).toEqual([]);
    }
  });

  it("gives each state-file key and each audit resource to one family", () => {
    const keys = storeSlices().flatMap((slice) => slice.keys);
    expect(new Set(keys).size).toBe(keys.length);
    const clash: EmulatorFamily[] = [...families, { name: "again", routes: () => undefined, audit: { zone: zonesFamily.audit!.zone! } }];
    expect(() => auditNames(clash)).toThrow('audit resource "zone" is declared by two emulator families');
  });

  it("routes every family's templates, in registry order", () => {
    const routes = apiRouter().list();
    const expected = families.flatMap((family) => {
      const router = new Router();
      family.routes(router, { audit: auditNames() });
      return router.list();
    });
    expect(routes).toEqual(expected);
  });
});
