// Completeness: every folder under src/kinds is a registered kind with all of its parts.
// native.ts, pulumi.ts and normalise.ts come from the engine helpers; until they land this fails.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { kinds } from "./registry.ts";

const kindsDir = import.meta.dirname;
const folders = readdirSync(kindsDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
const requiredParts = ["index.ts", "schema.ts", "normalise.ts", "native.ts", "pulumi.ts"];

describe("kind registry", () => {
  it("registers every kind folder exactly once", () => {
    expect([...kinds.map((kind) => kind.id)].sort()).toEqual(folders);
  });

  for (const folder of folders) {
    it(`${folder} has ${requiredParts.join(", ")}`, () => {
      expect(requiredParts.filter((part) => !existsSync(join(kindsDir, folder, part)))).toEqual([]);
    });
  }

  it("every kind has a titled object schema", () => {
    for (const kind of kinds) {
      expect(kind.title).not.toBe("");
      expect(kind.schema.type).toBe("object");
    }
  });
});
