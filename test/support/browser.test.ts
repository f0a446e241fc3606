// The browser choice: an env override first, then a system Chromium found on PATH, else the npm package.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { chooseChromium, findSystemChromium } from "./browser.ts";

const dirs: string[] = [];
const savedOverride = process.env.CFGITOPS_CHROMIUM;

function binDir(files: Record<string, number>): string {
  const dir = mkdtempSync(join(tmpdir(), "cfg-browser-"));
  dirs.push(dir);
  for (const [name, mode] of Object.entries(files)) {
    writeFileSync(join(dir, name), "#!/bin/sh\n");
    chmodSync(join(dir, name), mode);
  }
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  if (savedOverride === undefined) delete process.env.CFGITOPS_CHROMIUM;
  else process.env.CFGITOPS_CHROMIUM = savedOverride;
});

describe("browser choice", () => {
  it("finds an executable chromium on PATH, preferring chromium over google-chrome, and ignores non-executables", () => {
    const first = binDir({ "google-chrome": 0o755 });
    const second = binDir({ chromium: 0o755 });
    const notExecutable = binDir({ chromium: 0o644, "chromium-browser": 0o644 });
    expect(findSystemChromium(`${notExecutable}:${first}:${second}`)).toBe(join(second, "chromium"));
    expect(findSystemChromium(`${notExecutable}:${first}`)).toBe(join(first, "google-chrome"));
  });

  it("takes CFGITOPS_CHROMIUM before anything else", async () => {
    const dir = binDir({ "my-chromium": 0o755 });
    process.env.CFGITOPS_CHROMIUM = join(dir, "my-chromium");
    const choice = await chooseChromium();
    expect(choice).toMatchObject({ source: "env", executablePath: join(dir, "my-chromium"), env: {} });
  });

  it("refuses an override that is not executable instead of silently using another browser", async () => {
    const dir = binDir({ "not-a-browser": 0o644 });
    process.env.CFGITOPS_CHROMIUM = join(dir, "not-a-browser");
    await expect(chooseChromium()).rejects.toThrow(`CFGITOPS_CHROMIUM=${join(dir, "not-a-browser")} is not an executable file`);
  });
});
