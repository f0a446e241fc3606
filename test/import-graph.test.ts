// Layering checks over the static import graph: the daemon core and the status server have no
// import cycles, the kinds and the core none between them, and the idle daemon loads no engine SDK, mail or GitHub client until it needs one.
import { describe, expect, it } from "vitest";
import { importCycles, importGraph, staticClosure } from "./support/import-graph.ts";
import { repoRoot } from "./support/daemon-process.ts";

const graph = importGraph(repoRoot);

describe("import graph", () => {
  it("reads the imports it is checking (a sanity check on the parser)", () => {
    expect(graph.edges.get("src/status/server.ts")?.files).toContain("src/status/api-routes.ts");
    expect(staticClosure(graph, "src/status/metrics.ts").packages).toContain("prom-client");
    // Type-only imports are erased: they load nothing.
    expect(staticClosure(graph, "src/github/client.ts").packages).toContain("octokit");
    expect(staticClosure(graph, "src/github/repo.ts").packages).not.toContain("octokit");
  });

  it("finds a cycle when there is one", () => {
    const cyclic = { edges: new Map([["a.ts", { files: ["b.ts"], packages: [] }], ["b.ts", { files: ["a.ts"], packages: [] }], ["c.ts", { files: ["a.ts"], packages: [] }]]) };
    expect(importCycles(cyclic)).toEqual([["a.ts", "b.ts"]]);
  });

  it("has no import cycle through src/status or src/daemon (type-only imports count)", () => {
    const touching = importCycles(graph).filter((cycle) => cycle.some((file) => /^src\/(status|daemon)\//.test(file)));
    expect(touching).toEqual([]);
  });

  it("has no import cycle between src/kinds and the core (type-only imports count; lint checks the runtime ones)", () => {
    const core = /^src\/(desired-state|policy|plan|daemon|shared)\//;
    const mixed = importCycles(graph).filter((cycle) => cycle.some((file) => file.startsWith("src/kinds/")) && cycle.some((file) => core.test(file)));
    expect(mixed).toEqual([]);
    // (the re-export of the kinds' types from desired-state/types.ts once tied them into one cycle)
    expect(graph.edges.get("src/desired-state/types.ts")?.files.filter((file) => file.startsWith("src/kinds/"))).toEqual([]);
  });

  it("keeps engine SDKs, nodemailer and octokit out of the daemon's static imports", () => {
    const { packages } = staticClosure(graph, "src/daemon/daemon.ts");
    for (const heavy of ["cloudflare", "@pulumi/pulumi", "@pulumi/cloudflare", "nodemailer", "octokit"]) expect(packages, heavy).not.toContain(heavy);
  });
});
