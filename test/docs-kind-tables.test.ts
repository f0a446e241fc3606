// The docs' tables that list every kind (README, native-engine, pulumi, policies, security,
// architecture) and every emulator family (emulator) are generated from the registries by
// `npm run schemas`: the committed text must be that output, and each table must name every kind.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { docTables, generatedDocs, repoRoot } from "../scripts/generate-schemas.ts";
import { families } from "../src/emulator/families/registry.ts";
import { permissionName } from "../src/kinds/permissions.ts";
import { kinds } from "../src/kinds/registry.ts";

describe("generated doc tables", () => {
  it("are current in every file (run `npm run schemas` after changing a kind or a family)", () => {
    for (const [file, text] of Object.entries(generatedDocs())) expect(readFileSync(join(repoRoot, file), "utf8"), file).toBe(text);
  });

  it("name every registered kind, and every emulator family", () => {
    for (const generated of docTables()) {
      if (generated.file === "docs/emulator.md") {
        for (const family of families) expect(generated.markdown, family.name).toContain(`| ${family.name} |`);
        continue;
      }
      for (const kind of kinds) {
        const rows = [...kind.docs.owns.flat(), ...kind.docs.pulumi.flat(), ...kind.docs.ids.flat()];
        const named = generated.markdown.includes(`\`${kind.id}\``) || rows.some((cell) => generated.markdown.includes(cell));
        expect(named, `${generated.file} ${generated.name}: ${kind.id}`).toBe(true);
      }
    }
  });

  it("give docs/security.md every kind's permissions to read and to edit, in Cloudflare's names", () => {
    const security = docTables().find((table) => table.file === "docs/security.md")!.markdown;
    for (const kind of kinds) {
      for (const permission of kind.permissions) {
        expect(security, kind.id).toContain(permissionName(permission, "Read"));
        expect(security, kind.id).toContain(permissionName(permission, "Edit"));
      }
    }
  });
});
