import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { generatedSchemas, schemasDir } from "./generate-schemas.ts";

describe("schemas/*.schema.json", () => {
  for (const [name, text] of Object.entries(generatedSchemas())) {
    it(`${name} equals the schema generated from the kinds (run npm run schemas)`, () => {
      expect(readFileSync(resolve(schemasDir, name), "utf8")).toBe(text);
    });
  }

  it("the zone schema lists all 21 DNS record types", () => {
    const zone = JSON.parse(generatedSchemas()["zone.schema.json"]!) as { properties: { dns: { items: { properties: { type: { enum: string[] } } } } } };
    expect(zone.properties.dns.items.properties.type.enum).toHaveLength(21);
  });

  it("the profile schema offers every zone-file key, and neither zone: nor use: (one level only)", () => {
    const parse = (name: string) => JSON.parse(generatedSchemas()[name]!) as { required: string[]; properties: Record<string, unknown> };
    const zone = parse("zone.schema.json");
    const profile = parse("profile.schema.json");
    const zoneKeys = Object.keys(zone.properties).filter((key) => key !== "zone" && key !== "use");
    expect(Object.keys(profile.properties)).toEqual(["profile", "description", ...zoneKeys]);
    expect(profile.required).toEqual(["profile"]);
    expect(profile.properties.dns).toEqual(zone.properties.dns);
  });
});
