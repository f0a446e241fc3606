// bin/cf-gitops.js: which code it runs (dist/, or the sources in a checkout without a fresh build),
// and on an old system Node, re-running itself on the pinned runtime with arguments, exit code and
// signals passed through.
import { execFileSync, spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repoRoot = resolve(import.meta.dirname, "..");
const pinned = join(repoRoot, "node_modules/.bin/node");

interface Result {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(node: string, bin: string, args: string[], env: Record<string, string> = {}): Promise<Result> {
  const child = spawn(node, [bin, ...args], { env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.once("close", (code, signal) => done({ code, signal, stdout, stderr })));
}

describe("which code the bin runs", () => {
  let root: string;
  const bin = () => join(root, "bin/cf-gitops.js");
  const mainOf = (what: string) => `export async function main(argv) { process.stdout.write(${JSON.stringify(what)} + " " + argv.join(" ")); return 3; }\n`;

  beforeAll(async () => {
    // A miniature checkout: the real bin, with a src/ and a dist/ whose main() says which it is.
    root = await mkdtemp(join(tmpdir(), "cfg-bin-"));
    await cp(join(repoRoot, "bin"), join(root, "bin"), { recursive: true });
    await writeFile(join(root, "package.json"), JSON.stringify({ name: "cf-gitops", type: "module" }));
    await mkdir(join(root, "src/cli"), { recursive: true });
    await mkdir(join(root, "dist/cli"), { recursive: true });
    await writeFile(join(root, "src/cli/main.ts"), mainOf("sources"));
    await writeFile(join(root, "dist/cli/main.js"), mainOf("dist"));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function built(at: Date): Promise<void> {
    await writeFile(join(root, "dist/build-info.json"), "{}\n");
    await utimes(join(root, "dist/build-info.json"), at, at);
  }

  it("runs dist/ when it is newer than every source file, passing arguments and the exit code", async () => {
    await utimes(join(root, "src/cli/main.ts"), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    await built(new Date());
    expect(await run(pinned, bin(), ["validate", "--format", "json"])).toMatchObject({ code: 3, stdout: "dist validate --format json", stderr: "" });
  });

  it("runs the sources when dist/ is older than src/ (a test file's change does not count), or when asked to", async () => {
    await writeFile(join(root, "src/cli/main.test.ts"), "// newer, but a test\n");
    expect((await run(pinned, bin(), ["x"])).stdout).toBe("dist x");
    await built(new Date(Date.now() - 120_000));
    expect(await run(pinned, bin(), ["x"])).toMatchObject({ code: 3, stdout: "sources x" });
    await built(new Date());
    expect((await run(pinned, bin(), ["x"], { CFGITOPS_FROM_SOURCE: "1" })).stdout).toBe("sources x");
  });

  it("in an installed copy (no src/) without dist/, says how to build instead of crashing", async () => {
    const installed = await mkdtemp(join(tmpdir(), "cfg-bin-installed-"));
    try {
      await cp(join(repoRoot, "bin"), join(installed, "bin"), { recursive: true });
      const result = await run(pinned, join(installed, "bin/cf-gitops.js"), ["--help"]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("was not built (no dist/); run `npm run build` there, or reinstall the package");
    } finally {
      await rm(installed, { recursive: true, force: true });
    }
  });
});

/** A node on PATH outside node_modules that is too old to run cf-gitops itself. */
function oldSystemNode(): string | undefined {
  for (const dir of [...(process.env.PATH ?? "").split(delimiter).filter((d) => d && !d.includes("node_modules")), "/usr/local/bin", "/usr/bin"]) {
    try {
      const file = join(dir, "node");
      const [major, minor] = execFileSync(file, ["-p", "process.versions.node"], { encoding: "utf8" }).trim().split(".").map(Number);
      if (major! < 22 || (major === 22 && minor! < 18)) return file;
    } catch {
      // not there
    }
  }
  return undefined;
}

const old = oldSystemNode();
if (!old) console.log("bin re-run tests skipped: no Node older than 22.18 outside node_modules on this machine");

describe.skipIf(!old)("on an old system Node", () => {
  const bin = join(repoRoot, "bin/cf-gitops.js");

  it("re-runs itself on the pinned runtime: arguments in, output and exit code out", async () => {
    const version = await run(old!, bin, ["--version"]);
    expect(version).toMatchObject({ code: 0, stderr: "" });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const bad = await run(old!, bin, ["no-such-command"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('unknown command "no-such-command"');
  });

  it("forwards SIGTERM to the re-run process, which shuts down cleanly", async () => {
    const child = spawn(old!, [bin, "emulator", "--port", "0"], { env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const url = await new Promise<string>((done, fail) => {
      createInterface({ input: child.stdout }).once("line", done);
      child.once("exit", (code) => fail(new Error(`exited ${code}: ${stderr}`)));
    });
    expect((await fetch(`${url}/zones`, { headers: { authorization: "Bearer x" } })).status).toBe(200);
    const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stderr).toContain("stopped");
  });
});
