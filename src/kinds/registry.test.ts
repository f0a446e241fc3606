// Completeness: every folder under src/kinds (but shared/) is a registered kind with the same set
// of modules and every hook, for the core and for both engines. A scratch kind, added the way
// docs/architecture.md says (copy a sibling folder, one registry line), must pass the same checks.
import { existsSync, readdirSync } from "node:fs";
import { cp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { asNativeAdapter } from "../engines/native/adapters.ts";
import { asPulumiAdapter } from "../engines/pulumi/adapters.ts";
import type { KindScenario } from "./conformance.ts";
import { keyMergeOf, type KindDefinition, type ZonePlacement } from "./kind.ts";
import { kinds } from "./registry.ts";

const kindsDir = import.meta.dirname;
const notKinds = new Set(["shared"]);
const folders = readdirSync(kindsDir, { withFileTypes: true }).filter((entry) => entry.isDirectory() && !notKinds.has(entry.name)).map((entry) => entry.name).sort();

/** The modules every kind folder has (DESIGN §2: the core imports all but native.ts and pulumi.ts). */
export const kindModules = ["index.ts", "spec.ts", "schema.ts", "rules.ts", "normalise.ts", "expand.ts", "native.ts", "pulumi.ts", "conformance.ts"];

/** What the registry test checks of one kind; returns the problems found. */
export async function kindProblems(kind: KindDefinition, folder: string): Promise<string[]> {
  const problems = kindModules.filter((part) => !existsSync(join(folder, part))).map((part) => `missing ${part}`);
  if (kind.title === "") problems.push("no title");
  if (kind.schema.type !== "object") problems.push("schema is not an object schema");
  if (typeof kind.expand !== "function") problems.push("no expand");
  if (!Number.isFinite(kind.applyOrder)) problems.push("no applyOrder");
  if (!kind.permissions?.[0]?.group) problems.push("no permissions (the token permission group the kind reads and writes with)");
  if (kind.placement.scope === "zone") {
    if (Object.keys(kind.placement.keys).length === 0) problems.push("a zone-file kind with no zone-file key");
    if (typeof kind.placement.toYaml !== "function") problems.push("a zone-file kind that `import` cannot write");
    for (const [key, spec] of Object.entries(kind.placement.keys)) {
      if (!keyMergeOf(spec)) problems.push(`zone-file key ${key} has no merge rule (how profiles combine with it: ZoneKey.merge, docs/architecture.md)`);
    }
  }
  const checks: [string, () => Promise<unknown>][] = [
    ["native", async () => asNativeAdapter(kind.id, await kind.modules.native())],
    ["pulumi", async () => asPulumiAdapter(kind.id, await kind.modules.pulumi())],
    ["conformance", async () => {
      const { scenario } = (await kind.modules.conformance()) as { scenario?: KindScenario };
      for (const step of ["create", "update", "remove"] as const) if (!Array.isArray(scenario?.[step]?.expect)) throw new Error(`no ${step} step`);
      if (typeof scenario?.drift?.edit !== "function") throw new Error("no drift step");
    }],
  ];
  for (const [what, check] of checks) {
    try {
      await check();
    } catch (error) {
      problems.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const native = await kind.modules.native().then((m) => asNativeAdapter(kind.id, m)).catch(() => undefined);
  if (kind.placement.scope === "zone" && native?.readZone === undefined) problems.push("a zone-file kind must read by zone (readZone)");
  if (native && typeof native.probe !== "function") problems.push("no native probe (doctor reads with it to check the kind's permission)");
  return problems;
}

describe("kind registry", () => {
  it("registers every kind folder exactly once, named by its id", () => {
    expect([...kinds.map((kind) => kind.id)].sort()).toEqual(folders);
  });

  for (const kind of kinds) {
    it(`${kind.id} has every module and every hook, for the core and both engines`, async () => {
      expect(await kindProblems(kind, join(kindsDir, kind.id))).toEqual([]);
    });
  }

  it("gives every ruleset-phase and one-object-per-item key its helper's merge rule", () => {
    const byModel = kinds.flatMap((kind) => (kind.placement.scope === "zone" ? Object.values(kind.placement.keys).map((key) => [kind.docs.model, keyMergeOf(key)] as const) : []));
    for (const [model, merge] of byModel) {
      if (model === "ruleset phase") expect(merge).toEqual({ rule: "concat", identity: ["ref"] });
      if (model === "one object per item") expect(merge?.rule).toBe("concat");
    }
    expect(byModel.some(([model]) => model === "ruleset phase")).toBe(true);
  });

  it("names every zone-file key and every own file once", () => {
    // an embedded kind's key belongs to its host kind's schema (an Access application and its policy both come from `access:`)
    const keys = kinds.flatMap((kind) => (kind.placement.scope === "zone" ? Object.keys(kind.placement.keys) : kind.placement.scope === "file" ? [`file:${kind.placement.file}`] : []));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("accepts a scratch kind added the documented way (copy a sibling folder, one registry line), then removes it", async () => {
    const scratch = join(kindsDir, "scratch-kind");
    // a copy of the registry, so tests running meanwhile never see the scratch kind
    const registry = join(kindsDir, "scratch-registry.ts");
    try {
      await cp(join(kindsDir, "zone-settings"), scratch, { recursive: true });
      // the copied folder names its kind once: the id in normalise.ts
      const normalise = join(scratch, "normalise.ts");
      await writeFile(normalise, (await readFile(normalise, "utf8")).replace('"zone-settings"', '"scratch-kind"'));
      const original = await readFile(join(kindsDir, "registry.ts"), "utf8");
      await writeFile(registry, original.replace("export const kinds = [", 'import { zoneSettingsKind as scratchKind } from "./scratch-kind/index.ts";\nexport const kinds = [scratchKind, '));
      const { kinds: withScratch } = (await import(registry)) as { kinds: readonly KindDefinition[] };
      const added = withScratch.find((kind) => kind.id === "scratch-kind");
      expect(withScratch).toHaveLength(kinds.length + 1);
      expect(await kindProblems(added!, scratch)).toEqual([]);
      // and the same check fails once a module is missing, or a key has no merge rule
      await rm(join(scratch, "conformance.ts"));
      expect(await kindProblems(added!, scratch)).toContain("missing conformance.ts");
      const placement = added!.placement as ZonePlacement;
      const { merge: _merge, ...withoutMerge } = placement.keys.settings!;
      const unmerged: KindDefinition = { ...added!, placement: { ...placement, keys: { settings: withoutMerge } } };
      expect(await kindProblems(unmerged, scratch)).toContain("zone-file key settings has no merge rule (how profiles combine with it: ZoneKey.merge, docs/architecture.md)");
    } finally {
      await rm(registry, { force: true });
      await rm(scratch, { recursive: true, force: true });
    }
    expect(existsSync(scratch)).toBe(false);
  });
});
