import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadDesiredState, loadStack } from "../desired-state/index.ts";
import { countManaged } from "./managed-resources.ts";

const root = resolve(import.meta.dirname, "../..");

describe("cfgitops_managed_resources counts", () => {
  it("put zone-file kinds under their zone and account-level kinds (lists, tunnel services) under zone=account, as drift does", async () => {
    const { stack } = await loadStack(root, "default");
    const { state } = await loadDesiredState("desired-state", { root, stack: stack! });
    const counts = countManaged(state);
    expect(counts.filter((count) => count.kind === "tunnel-service" || count.kind === "list").map((count) => count.zone)).toEqual(["account", "account"]);
    expect(counts.find((count) => count.kind === "tunnel-service")?.count).toBe(state.services.length);
    expect(counts.find((count) => count.kind === "dns-record")?.zone).toBe("example.com");
  });
});
