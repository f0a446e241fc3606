// Custom policies run in a sandbox process (issue 22): real policy files in a temporary repository,
// evaluated through runPolicies as the CLI and the daemon do.
import { mkdir, mkdtemp, readFile, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runPolicies } from "../run.ts";
import { rec, state, zone } from "../test-fixtures.ts";
import { dependenciesDir } from "../../shared/module-paths.ts";
import { openCustomPolicies, type CustomPolicies } from "./index.ts";

const desired = state([zone("example.com", { dns: [rec("www", "A", "203.0.113.10", { proxied: true, tags: [] })] })]);
const sessions: CustomPolicies[] = [];
afterEach(() => sessions.splice(0).forEach((session) => session.close()));

async function repo(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "cfg-sandbox-"));
  await mkdir(path.join(root, "policies"));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), text);
  }
  return root;
}

/** A mandatory policy whose check is `body` (a function body returning findings' messages). */
function policy(id: string, body: string, check = "checkState"): string {
  return `import { definePolicy, noParams } from "cf-gitops/policy";
export const policy = definePolicy({
  id: ${JSON.stringify(id)}, description: "test", level: "mandatory", paramsSchema: noParams,
  async ${check}() {
    const messages: string[] = await (async () => { ${body} })();
    return messages.map((message) => ({ resource: "example.com", message }));
  },
});
`;
}

const attempts = `
  const { readFileSync } = await import("node:fs");
  const tried: string[] = ["env " + JSON.stringify(Object.keys(process.env))];
  const attempt = async (what: string, action: () => unknown) => {
    try { await action(); tried.push(what + " allowed"); } catch (error) { tried.push(what + " " + ((error as { code?: string }).code ?? (error as Error).message)); }
  };
  await attempt("environ", () => readFileSync("/proc/" + process.ppid + "/environ"));
  await attempt("dotenv", () => readFileSync(new URL("../.env", import.meta.url)));
  await attempt("own-file", () => readFileSync(new URL("./probe.ts", import.meta.url)));
  await attempt("spawn", async () => (await import("node:child_process")).execFileSync("true"));
  await attempt("worker", async () => new (await import("node:worker_threads")).Worker("0", { eval: true }).terminate());
  return tried;
`;

describe("the policy sandbox", () => {
  it("gives a policy no environment, and reads only in policies/: no /proc, no .env, no child processes, no workers", async () => {
    const root = await repo({ ".env": "CLOUDFLARE_API_TOKEN=secret-in-a-dotenv-file\n", "policies/probe.ts": policy("probe", attempts) });
    const report = await runPolicies({ root, desired });
    expect(report.violations.filter((v) => v.level === "mandatory").map((v) => v.message)).toEqual([
      "env []", "environ ERR_ACCESS_DENIED", "dotenv ERR_ACCESS_DENIED", "own-file allowed", "spawn ERR_ACCESS_DENIED", "worker ERR_ACCESS_DENIED",
    ]);
  });

  it("loads policies as ES modules when the repository's package.json says commonjs (npm init -y)", async () => {
    const root = await repo({
      "package.json": JSON.stringify({ name: "my-config", version: "1.0.0", type: "commonjs" }),
      "policies/helpers/names.ts": "export function shout(text: string): string { return text.toUpperCase(); }\n",
      "policies/esm.ts": policy("esm", `const { shout } = await import("./helpers/names.ts"); return [shout("loaded")];`),
    });
    const report = await runPolicies({ root, desired });
    expect(report.diagnostics).toEqual([expect.objectContaining({ code: "policy-load-error" })].slice(0, 0));
    expect(report.violations.filter((v) => v.level === "mandatory").map((v) => v.message)).toEqual(["LOADED"]);
  });

  it("lets a policy import cf-gitops's dependencies through the checkout's node_modules link, and nothing from a node_modules of its own", async () => {
    const linked = await repo({ "policies/uses-a-package.ts": policy("uses-a-package", `const { default: picomatch } = await import("picomatch"); return [String(picomatch.isMatch("www", "w*"))];`) });
    await symlink(dependenciesDir(), path.join(linked, "node_modules"));
    expect((await runPolicies({ root: linked, desired })).violations.filter((v) => v.level === "mandatory").map((v) => v.message)).toEqual(["true"]);
    const own = await repo({ "node_modules/picomatch/package.json": '{"name":"picomatch","main":"index.js"}', "node_modules/picomatch/index.js": "module.exports = () => 'planted';", "policies/uses-a-package.ts": policy("uses-a-package", `await import("picomatch"); return ["imported"];`) });
    const report = await runPolicies({ root: own, desired });
    expect(report.diagnostics).toEqual([expect.objectContaining({ code: "policy-runtime-error", message: expect.stringContaining("ERR_ACCESS_DENIED") })]);
  });

  it("stops a policy that never returns at the policy timeout; the custom policies after it report they did not run, the built-ins ran", async () => {
    const root = await repo({ "policies/a-loop.ts": policy("a-loop", "for (;;) {}"), "policies/b-after.ts": policy("b-after", "return ['ran'];") });
    const started = Date.now();
    const report = await runPolicies({ root, desired, timeoutMs: 1500 });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ code: "policy-timeout", severity: "error", file: "policies/a-loop.ts", message: "policy a-loop (policies/a-loop.ts) did not finish within the policy timeout (1.5 s); the policy sandbox was stopped" }),
      expect.objectContaining({ code: "policy-runtime-error", message: "policy b-after (policies/b-after.ts) was not run: the policy sandbox was stopped when policy a-loop (policies/a-loop.ts) ran past the policy timeout (1.5 s)" }),
    ]);
    expect(report.results.filter((r) => r.origin === "builtin" && r.status === "passed").length).toBeGreaterThan(5);
    expect(report.blocked).toBe(true);
  });

  it("stops a policy file that never finishes loading (a loop at its top level) at the policy timeout", async () => {
    const root = await repo({ "policies/spins-on-import.ts": "for (;;) {}\nexport const policy = {};\n" });
    const report = await runPolicies({ root, desired, timeoutMs: 1500 });
    expect(report.diagnostics).toEqual([expect.objectContaining({
      code: "policy-load-error", file: "policies/spins-on-import.ts",
      message: "cannot load custom policy: loading the custom policies did not finish within the policy timeout (1.5 s); the policy sandbox was stopped",
    })]);
    expect(report.blocked).toBe(true);
  });

  it("stops a policy past its memory cap, as a clear error", async () => {
    const root = await repo({ "policies/hog.ts": policy("hog", "const keep: string[] = []; for (let i = 0; ; i++) keep.push('x'.repeat(1000) + i); ") });
    const custom = openCustomPolicies(root, { memoryMb: 64 });
    sessions.push(custom);
    const report = await runPolicies({ root, desired, custom });
    expect(report.diagnostics).toEqual([expect.objectContaining({ code: "policy-runtime-error", message: expect.stringContaining("policy hog (policies/hog.ts) failed: the policy sandbox ran out of memory (it may use 64 MB") })]);
  });

  it("refuses to start when a link under policies/ leads outside what policies may read", async () => {
    const root = await repo({ ".env": "TOKEN=x\n", "policies/fine.ts": policy("fine", "return [];") });
    await symlink(path.join(root, ".env"), path.join(root, "policies", "settings"));
    const report = await runPolicies({ root, desired });
    expect(report.diagnostics).toEqual([expect.objectContaining({
      code: "policy-load-error", file: "policies/fine.ts",
      message: `custom policies were not run: policies/settings is a symbolic link to ${path.join(root, ".env")}, outside what custom policies may read; remove the link (custom policies may read only policies/ and cf-gitops itself)`,
    })]);
  });

  it("starts no process without custom policies, and one per session that serves the state and then the plan", async () => {
    const children = async () => (await readFile(`/proc/${process.pid}/task/${process.pid}/children`, "utf8")).trim().split(/\s+/).filter(Boolean).length;
    const empty = openCustomPolicies(await repo({ "policies/policy.yaml": "policies: {}\n" }));
    sessions.push(empty);
    const before = await children();
    expect(await empty.load()).toEqual({ policies: [], failures: [] });
    expect(await children()).toBe(before);

    const root = await repo({ "policies/on-plan.ts": policy("on-plan", "return ['plan seen'];", "checkPlan") });
    const custom = openCustomPolicies(root);
    sessions.push(custom);
    const onState = await runPolicies({ root, desired, custom });
    expect(onState.results.find((r) => r.id === "on-plan")).toMatchObject({ status: "skipped" });
    const onPlan = await runPolicies({ root, desired, custom, plan: { stack: "default", engine: "native", changes: [] } });
    expect(onPlan.violations.filter((v) => v.policy === "on-plan")).toEqual([expect.objectContaining({ policy: "on-plan", message: "plan seen" })]);
    expect(await children()).toBe(before + 1);
  });
});
