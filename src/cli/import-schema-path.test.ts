import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { schemaPathFor } from "./import-schema-path.ts";

const checkout = resolve(import.meta.dirname, "../..");
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe("the $schema path of an imported file", () => {
  it("points at the installed package's schemas in a configuration repository", async () => {
    const repo = await mkdtemp(join(tmpdir(), "cfg-schema-"));
    dirs.push(repo);
    await mkdir(join(repo, "node_modules/cf-gitops/schemas"), { recursive: true });
    expect(schemaPathFor(join(repo, "desired-state/zones/example.com.yaml"), "zone", repo)).toBe("../../node_modules/cf-gitops/schemas/zone.schema.json");
    expect(schemaPathFor(join(repo, "infra/state/lists/office.yaml"), "list", repo)).toBe("../../../node_modules/cf-gitops/schemas/list.schema.json");
  });

  it("where npm install will put it when nothing is installed yet, and at this checkout's schemas/ inside it", async () => {
    const repo = await mkdtemp(join(tmpdir(), "cfg-schema-"));
    dirs.push(repo);
    expect(schemaPathFor(join(repo, "desired-state/zones/a.yaml"), "zone", repo)).toBe("../../node_modules/cf-gitops/schemas/zone.schema.json");
    expect(schemaPathFor(join(checkout, "desired-state/zones/a.yaml"), "zone", checkout)).toBe("../../schemas/zone.schema.json");
  });
});
