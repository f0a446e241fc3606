// The loader reads only regular files inside the repository, never more than its caps (issue 22
// items 1, 9 and 13): links out of it, devices and pipes are diagnostics, never reads.
import { execFileSync } from "node:child_process";
import { mkdtemp, mkdir, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatDiagnostics } from "./format.ts";
import { loadDesiredState, loadStack } from "./index.ts";
import { limits } from "./limits.ts";
import { readRepositoryFile } from "./repository-file.ts";

const zone = (name: string, records = "") => `zone: ${name}\ndns:\n  - { name: www, type: A, content: 203.0.113.10 }\n${records}`;
const stackFile = (dir = "desired-state") => `engine: native\ndesired_state:\n  dir: ${dir}\n`;
const saved = { ...limits };
afterEach(() => Object.assign(limits, saved));

async function repo(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "cfg-repo-file-"));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(root, name, ".."), { recursive: true });
    await writeFile(join(root, name), text);
  }
  return root;
}

describe("reading a repository file", () => {
  it("refuses a stack file that is a link to /dev/zero at once, reading nothing (item 1)", async () => {
    const root = await repo({ "desired-state/zones/example.com.yaml": zone("example.com") });
    await mkdir(join(root, "stacks"));
    await symlink("/dev/zero", join(root, "stacks", "default.yaml"));
    const started = Date.now();
    const { stack, diagnostics } = await loadStack(root);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(stack).toBeUndefined();
    expect(diagnostics).toEqual([expect.objectContaining({ file: "stacks/default.yaml", code: "file-outside-repository", message: "the file is a symbolic link to /dev/zero, outside the repository" })]);
    // The text formatter, which quotes the offending line, does not read it either.
    expect(formatDiagnostics(diagnostics, "text", { root })).toContain("stacks/default.yaml:1:1: error file-outside-repository: the file is a symbolic link to /dev/zero, outside the repository");
  });

  it("refuses a device, a named pipe and a directory, and reads a file no further than its cap plus one byte", async () => {
    const root = await repo({ "big.yaml": "x".repeat(2000), "small.yaml": "zone: a\n" });
    execFileSync("mkfifo", [join(root, "pipe.yaml")]);
    await mkdir(join(root, "dir.yaml"));
    expect(await readRepositoryFile(join(root, "pipe.yaml"), root, 100)).toMatchObject({ ok: false, code: "file-not-regular", message: "the file is a named pipe, not a regular file" });
    expect(await readRepositoryFile(join(root, "dir.yaml"), root, 100)).toMatchObject({ ok: false, code: "file-not-regular", message: "the file is a directory, not a regular file" });
    expect(await readRepositoryFile(join(root, "big.yaml"), root, 1000)).toMatchObject({ ok: false, code: "yaml-file-too-large" });
    expect(await readRepositoryFile(join(root, "small.yaml"), root, 1000)).toMatchObject({ ok: true, bytes: Buffer.from("zone: a\n") });
    // A link to a file inside the repository is followed; one out of it is not.
    await symlink("small.yaml", join(root, "inside.yaml"));
    await symlink("/etc/hostname", join(root, "outside.yaml"));
    expect(await readRepositoryFile(join(root, "inside.yaml"), root, 1000)).toMatchObject({ ok: true });
    expect(await readRepositoryFile(join(root, "outside.yaml"), root, 1000)).toMatchObject({ ok: false, code: "file-outside-repository" });
  });
});

describe("the desired-state directory and its files stay in the repository (item 9)", () => {
  it("refuses desired_state.dir that is absolute or climbs out, at its line", async () => {
    for (const dir of ["/etc", "../elsewhere", "desired-state/../../x"]) {
      const root = await repo({ "stacks/default.yaml": stackFile(dir) });
      const { stack, diagnostics } = await loadStack(root);
      expect(stack).toBeUndefined();
      expect(diagnostics).toEqual([expect.objectContaining({ file: "stacks/default.yaml", line: 3, column: 8, code: "stack-dir-outside-repository", message: `desired_state.dir "${dir}" is outside the repository` })]);
    }
  });

  it("refuses a desired-state directory that is a link out of the repository, and a zone file that is", async () => {
    const elsewhere = await repo({ "zones/example.org.yaml": zone("example.org") });
    const root = await repo({ "stacks/default.yaml": stackFile("linked"), "desired-state/zones/example.com.yaml": zone("example.com"), "shared/example.net.yaml": zone("example.net") });
    await symlink(elsewhere, join(root, "linked"));
    const linked = await loadDesiredState("linked", { root });
    expect(linked.state.zones).toEqual([]);
    expect(linked.diagnostics).toEqual([expect.objectContaining({ code: "desired-state-outside-repository", message: expect.stringMatching(/^the desired-state directory linked is a link to .*, outside the repository$/) })]);

    await symlink(join(elsewhere, "zones", "example.org.yaml"), join(root, "desired-state", "zones", "example.org.yaml"));
    await symlink("../../shared/example.net.yaml", join(root, "desired-state", "zones", "example.net.yaml"));
    const files = await loadDesiredState("desired-state", { root });
    expect(files.state.zones.map((z) => z.zone).sort()).toEqual(["example.com", "example.net"]);
    expect(files.diagnostics).toEqual([expect.objectContaining({ file: "desired-state/zones/example.org.yaml", code: "file-outside-repository" })]);
  });
});

describe("a total cap on one stack's YAML (item 13)", () => {
  it("reads files until the total would pass the cap, then names the file that would and reads no more", async () => {
    const padding = (n: number) => `# ${"-".repeat(n)}\n`;
    const root = await repo({
      "desired-state/zones/a.com.yaml": zone("a.com", padding(3000)),
      "desired-state/zones/b.com.yaml": zone("b.com", padding(3000)),
      "desired-state/zones/c.com.yaml": zone("c.com"),
    });
    Object.assign(limits, { maxFileBytes: 5000, maxStackBytes: 5000 });
    const { state, diagnostics } = await loadDesiredState("desired-state", { root });
    expect(state.zones.map((z) => z.zone)).toEqual(["a.com"]);
    expect(diagnostics).toEqual([expect.objectContaining({
      file: "desired-state/zones/b.com.yaml", code: "yaml-total-too-large",
      message: "the desired state read so far is 0 MB, and this file would take it past the limit of 0 MB for one stack; it and the files after it were not read",
    })]);
  });
});
