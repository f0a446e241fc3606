// The hand-written ustar: round trips, and GNU tar reads what it writes (so a backup can be opened by hand).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readTar, writeTar } from "./tar.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const longPath = `pulumi/.pulumi/stacks/${"a-very-long-project-name-".repeat(4)}/${"stack".repeat(15)}.json`;
const entries = [
  { path: "manifest.json", data: Buffer.from('{"format":"x"}\n') },
  { path: "history.sqlite", data: Buffer.alloc(1500, 7), mode: 0o640 },
  { path: "empty", data: Buffer.alloc(0) },
  { path: longPath, data: Buffer.from("ünïcödé ✓") },
];

describe("tar", () => {
  it("round-trips files, modes and long names", () => {
    const archive = writeTar(entries);
    expect(archive.length % 512).toBe(0);
    const read = readTar(archive);
    expect(read.map((entry) => [entry.path, entry.data.toString("base64"), entry.mode])).toEqual(entries.map((entry) => [entry.path, entry.data.toString("base64"), entry.mode ?? 0o600]));
  });

  it("is read by the system tar, byte for byte", () => {
    const dir = mkdtempSync(join(tmpdir(), "cfg-tar-"));
    dirs.push(dir);
    writeFileSync(join(dir, "a.tar"), writeTar(entries));
    expect(execFileSync("tar", ["-tf", join(dir, "a.tar")], { encoding: "utf8" }).trim().split("\n")).toEqual(entries.map((entry) => entry.path));
    execFileSync("tar", ["-xf", join(dir, "a.tar"), "-C", dir]);
    expect(readFileSync(join(dir, longPath), "utf8")).toBe("ünïcödé ✓");
    expect(readFileSync(join(dir, "history.sqlite")).equals(entries[1]!.data)).toBe(true);
  });

  it("rejects a damaged header, a cut-short archive and foreign entry types", () => {
    const archive = writeTar(entries);
    const flipped = Buffer.from(archive);
    flipped[1030] = flipped[1030]! ^ 0xff; // the second header (the manifest's header and data come first)
    expect(() => readTar(flipped)).toThrow("bad header checksum at byte 1024");
    expect(() => readTar(archive.subarray(0, 1024))).toThrow(/cut short/);
    expect(() => readTar(archive.subarray(0, archive.length - 1024))).toThrow("no end marker");
    const symlink = Buffer.from(writeTar([{ path: "link", data: Buffer.alloc(0) }]));
    symlink[156] = "2".charCodeAt(0);
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : symlink[i]!;
    symlink.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "ascii");
    expect(() => readTar(symlink)).toThrow('unexpected entry type "2" for link');
  });
});
