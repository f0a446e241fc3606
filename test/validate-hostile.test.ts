// Hostile YAML that is generated rather than committed (a 50 MB file, invalid UTF-8, deep nesting),
// checked in-process and through the real CLI process: a diagnostic with line and column, exit
// code 1, no stack trace, and nothing written.
import { execFile } from "node:child_process";
import { mkdtemp, mkdir, readdir, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runMain, type CliRun } from "./support/captured-io.ts";
import { loadDesiredState } from "../src/desired-state/index.ts";
import { kinds } from "../src/kinds/registry.ts";

const repo = join(import.meta.dirname, "..");
const zoneFile = "desired-state/zones/example.com.yaml";
let root: string;

async function scenario(name: string, content: string | Uint8Array | { sparseBytes: number }): Promise<string> {
  const dir = join(root, name);
  await mkdir(join(dir, "desired-state", "zones"), { recursive: true });
  const path = join(dir, zoneFile);
  if (typeof content === "object" && "sparseBytes" in content) {
    await writeFile(path, "zone: example.com\n");
    await truncate(path, content.sparseBytes);
  } else await writeFile(path, content);
  return dir;
}

async function cli(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(join(repo, "node_modules/.bin/node"), [join(repo, "bin/cf-gitops.js"), "validate", ...args], { cwd, env: { PATH: process.env.PATH ?? "" } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

/** The same command in-process (cheaper than a process) for the checks that need no process boundary. */
function inProcess(cwd: string, ...args: string[]): Promise<CliRun> {
  return runMain(["validate", ...args], { cwd });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "cfgitops-hostile-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const generated: Array<[string, () => string | Uint8Array | { sparseBytes: number }, { code: string; line: number; column: number }]> = [
  ["a 50 MB file is refused without being read", () => ({ sparseBytes: 50 * 1024 * 1024 }), { code: "yaml-file-too-large", line: 1, column: 1 }],
  [
    "invalid UTF-8 names the line and column of the first bad byte",
    () => Buffer.concat([Buffer.from("zone: example.com\ndns:\n  - { name: caf"), Buffer.from([0xc3, 0x28]), Buffer.from(", type: A, content: 203.0.113.1 }\n")]),
    { code: "yaml-invalid-utf8", line: 3, column: 16 },
  ],
  ["100,000 nested flow sequences", () => `zone: example.com\nx: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`, { code: "yaml-too-deep", line: 2, column: 36 }],
  [
    "40 nested block mappings",
    () => `zone: example.com\n${Array.from({ length: 40 }, (_, depth) => `${"  ".repeat(depth)}k${depth}:`).join("\n")} x\n`,
    { code: "yaml-too-deep", line: 0, column: 0 },
  ],
  ["a billion-laughs alias bomb is not expanded", () => `zone: example.com\n${["a", "b", "c", "d", "e", "f", "g", "h"].map((name, i, all) => `${name}: &${name} [${Array(9).fill(i === 0 ? '"lol"' : `*${all[i - 1]}`).join(", ")}]`).join("\n")}\n`, { code: "yaml-alias-bomb", line: 3, column: 8 }],
];

describe("hostile YAML (generated)", () => {
  for (const [title, make, expected] of generated) {
    it(title, async () => {
      const dir = await scenario(title.replace(/\W+/g, "-"), make());
      const started = performance.now();
      const result = await loadDesiredState("desired-state", { root: dir });
      expect(performance.now() - started).toBeLessThan(5000);
      const errors = result.diagnostics.filter((d) => d.severity === "error");
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ file: zoneFile, code: expected.code });
      if (expected.line > 0) expect(errors[0]).toMatchObject({ line: expected.line, column: expected.column });
      expect(result.state.zones).toEqual([]);
    });
  }
});

describe("cf-gitops validate as a process", () => {
  it("passes on the shipped example", async () => {
    const result = await cli(repo);
    expect(result.stderr).toBe("");
    // one count per registered kind, in registry order (a new kind needs no edit here)
    const counts = kinds.map((kind) => `\\d+ ${kind.plural.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`).join(", ");
    expect(result.stdout).toMatch(new RegExp(`^ok: 2 zones, ${counts} in desired-state\n$`));
    expect(result.stdout).toMatch(/, 1 lists, .*, 3 tunnel services\b/);
    expect(result.code).toBe(0);
  });

  for (const [name, make] of [
    ["a 50 MB file", () => ({ sparseBytes: 50 * 1024 * 1024 })],
    ["invalid UTF-8", () => Buffer.from([0x7a, 0x6f, 0x6e, 0x65, 0x3a, 0x20, 0xff, 0xfe, 0x0a])],
    ["a !!js/function tag", () => "zone: example.com\nsettings: { ssl: !!js/function 'function () { return 1 }' }\n"],
    ["an empty file", () => ""],
  ] as const) {
    it(`rejects ${name} with exit 1, a diagnostic and no stack trace, and writes nothing`, async () => {
      const dir = await scenario(`cli-${name.replace(/\W+/g, "-")}`, make());
      const before = await readdir(dir, { recursive: true });
      const result = await cli(dir);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^desired-state\/zones\/example\.com\.yaml:\d+:\d+: error yaml-[a-z0-9-]+: /);
      expect(`${result.stdout}${result.stderr}`).not.toMatch(/\n\s+at .*:\d+:\d+\)?\n/);
      expect(result.stderr).toBe("");
      expect(await readdir(dir, { recursive: true })).toEqual(before);
    });
  }

  it("explains itself with --help", async () => {
    const result = await inProcess(repo, "--help");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage: cf-gitops validate [--dir desired-state] [--format text|json|github]");
    expect(result.stdout).toContain("Exit codes: 0 valid");
  });

  it("rejects an unknown --format with a usage error and exit 1", async () => {
    const result = await inProcess(repo, "--format", "xml");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--format must be one of text, json, github; got "xml"');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("reports a missing --dir as a diagnostic", async () => {
    const result = await inProcess(repo, "--dir", "no-such-dir", "--format", "json");
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { diagnostics: Array<{ code: string; file: string }> };
    expect(report.diagnostics).toEqual([expect.objectContaining({ code: "desired-state-missing", file: "no-such-dir" })]);
  });
});

describe("cf-gitops validate and stacks", () => {
  it("with several stacks and no default, skips the tunnel check instead of failing", async () => {
    const dir = await scenario("two-stacks", "zone: example.com\ndns: []\n");
    await mkdir(join(dir, "stacks"));
    await writeFile(join(dir, "stacks", "prod.yaml"), "tunnels: { pi: {} }\n");
    await writeFile(join(dir, "stacks", "lab.yaml"), "tunnels: { lab: {} }\n");
    await mkdir(join(dir, "desired-state", "services"));
    await writeFile(join(dir, "desired-state", "services", "web.yaml"), "service: web\nhostname: www.example.com\norigin: http://localhost:80\ntunnel: elsewhere\n");
    const run = async (...args: string[]) => {
      const { code, stdout } = await inProcess(dir, "--format", "json", ...args);
      return { code, report: JSON.parse(stdout) as { diagnostics: Array<{ code: string; line: number; column: number }> } };
    };
    expect(await run()).toEqual({ code: 0, report: expect.objectContaining({ diagnostics: [] }) });
    const named = await run("--stack", "prod");
    expect(named.code).toBe(1);
    expect(named.report.diagnostics).toEqual([expect.objectContaining({ code: "service-tunnel-unknown", line: 4, column: 9 })]);
  });
});
