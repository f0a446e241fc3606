// Which Chromium the page tests drive, in this order:
//   1. CFGITOPS_CHROMIUM=/path/to/chromium (an override that does not exist is an error, not a fallback);
//   2. a system Chromium: `chromium`, `chromium-browser` or `google-chrome` on PATH or in /usr/bin;
//   3. the Chromium inside the npm package @sparticuz/chromium (x64 only), unpacked once per version
//      into the temp directory with its own fonts and the NSS libraries it links against, so a fresh
//      Debian machine needs no system packages.
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext } from "playwright-core";

export type BrowserSource = "env" | "system" | "npm";

export interface BrowserChoice {
  source: BrowserSource;
  executablePath: string;
  /** Extra environment for the browser process (fonts and libraries of the npm build). */
  env: Record<string, string>;
  /** One line for the test log. */
  description: string;
}

const systemNames = ["chromium", "chromium-browser", "google-chrome"];

// The network here may be closed: nothing in the background may phone home or wait for it.
const launchArgs = [
  "--headless",
  "--no-sandbox", // root cannot use Chromium's sandbox; Playwright adds it by default anyway
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first system Chromium that is executable, or undefined. */
export function findSystemChromium(pathEnv = process.env.PATH ?? ""): string | undefined {
  const dirs = [...pathEnv.split(delimiter).filter(Boolean), "/usr/bin"];
  for (const name of systemNames) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

function npmPackageDir(): string {
  return join(dirname(fileURLToPath(import.meta.resolve("@sparticuz/chromium"))), "..");
}

/** Unpacks the npm package's Chromium (once per version) and returns its directory. */
async function unpackNpmChromium(): Promise<{ dir: string; version: string }> {
  if (process.arch !== "x64") {
    throw new Error(`no system Chromium found, and @sparticuz/chromium ships an x64 build only (this is ${process.arch}): install chromium or set CFGITOPS_CHROMIUM=/path/to/chromium`);
  }
  const packageDir = npmPackageDir();
  const { version } = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as { version: string };
  const dir = join(tmpdir(), `cf-gitops-chromium-${version}-${process.getuid?.() ?? "user"}`);
  if (existsSync(join(dir, "fonts.conf"))) return { dir, version };

  // The package unpacks into os.tmpdir(); point that at a private staging directory, then move the
  // finished directory into place in one rename, so parallel test files never see half a browser.
  const staging = mkdtempSync(join(tmpdir(), "cf-gitops-chromium-staging-"));
  const previousTmp = process.env.TMPDIR;
  try {
    process.env.TMPDIR = staging;
    const { default: Chromium, inflate } = await import("@sparticuz/chromium");
    await Chromium.executablePath(join(packageDir, "bin"));
    await inflate(join(packageDir, "bin", "al2023.tar.br")); // al2023/lib/: libnss3, libnspr4, libexpat
  } finally {
    if (previousTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmp;
  }
  writeFileSync(
    join(staging, "fonts.conf"),
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${join(dir, "fonts")}</dir>\n  <cachedir>${join(dir, "fonts-cache")}</cachedir>\n</fontconfig>\n`,
  );
  try {
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(dir, "fonts.conf"))) throw error; // not a lost race: a real failure
  }
  return { dir, version };
}

/** Chooses the browser: env override, then system, then the npm package. */
export async function chooseChromium(): Promise<BrowserChoice> {
  const override = process.env.CFGITOPS_CHROMIUM;
  if (override) {
    if (!isExecutable(override)) throw new Error(`CFGITOPS_CHROMIUM=${override} is not an executable file`);
    return { source: "env", executablePath: override, env: {}, description: `Chromium from CFGITOPS_CHROMIUM (${override})` };
  }
  const system = findSystemChromium();
  if (system) return { source: "system", executablePath: system, env: {}, description: `system Chromium (${system})` };
  const { dir, version } = await unpackNpmChromium();
  const libraryPath = [join(dir, "al2023", "lib"), process.env.LD_LIBRARY_PATH].filter(Boolean).join(delimiter);
  return {
    source: "npm",
    executablePath: join(dir, "chromium"),
    env: { FONTCONFIG_FILE: join(dir, "fonts.conf"), LD_LIBRARY_PATH: libraryPath },
    description: `Chromium from npm @sparticuz/chromium ${version} (${join(dir, "chromium")})`,
  };
}

export interface LaunchedBrowser {
  context: BrowserContext;
  choice: BrowserChoice;
  /** The browser's own version string, e.g. "153.0.8010.0". */
  version: string;
}

/** Launches headless Chromium with a persistent profile in profileDir and logs which one it is. */
export async function launchChromium(profileDir: string, viewport = { width: 1280, height: 900 }): Promise<LaunchedBrowser> {
  const choice = await chooseChromium();
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: choice.executablePath,
    headless: true,
    args: launchArgs,
    env: { ...process.env, ...choice.env },
    viewport,
  });
  const version = context.browser()?.version() ?? "unknown";
  console.log(`browser: ${choice.description}, version ${version}`);
  return { context, choice, version };
}
