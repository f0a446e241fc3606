// `init --import`: which zones to import, then the `import` command itself, once per zone.
import { Writable } from "node:stream";
import { UsageError, ZoneMissingError } from "../shared/errors.ts";
import type { CliIo } from "./io.ts";

/** The zones to import: those named with --zone (each must exist), else every zone the token sees. */
export async function zonesToImport(io: CliIo, named: string[]): Promise<string[]> {
  if (!io.env.CLOUDFLARE_API_TOKEN) {
    throw new UsageError("--import reads the live account and needs CLOUDFLARE_API_TOKEN", {
      hint: "export CLOUDFLARE_API_TOKEN (and CLOUDFLARE_ACCOUNT_ID); or leave out --import to start from commented zone files",
    });
  }
  const { createClient, listZones } = await import("../engines/native/index.ts");
  const { apiToken, cliLogger } = await import("./run-context.ts");
  const client = createClient({ apiToken: apiToken(io), log: cliLogger(io), ...(io.env.CLOUDFLARE_BASE_URL ? { baseUrl: io.env.CLOUDFLARE_BASE_URL } : {}) });
  const live = (await listZones(client, io.env.CLOUDFLARE_ACCOUNT_ID)).map((zone) => zone.name);
  if (named.length === 0) {
    if (live.length === 0) throw new ZoneMissingError("the token sees no zones to import", { zones: [], hint: "check the token's zone permissions (cf-gitops doctor), or name zones with --zone" });
    return live.sort();
  }
  const missing = named.filter((zone) => !live.includes(zone));
  if (missing.length > 0) {
    throw new ZoneMissingError(`not in the Cloudflare account: ${missing.join(", ")}`, { zones: missing, hint: `the token sees: ${live.join(", ") || "no zones"}` });
  }
  return named;
}

/**
 * Runs `cf-gitops import --zone Z --out desired-state --force` in the new repository; returns its
 * "wrote ..." line, and the lines saying where it kept a copy of a file git did not have.
 */
export async function importZone(io: CliIo, dir: string, zone: string): Promise<{ line: string; kept: string[] }> {
  let output = "";
  const collect = new Writable({ write: (chunk: Buffer, _encoding, done) => ((output += chunk.toString()), done()) });
  const { run } = await import("./import.ts");
  await run(["--zone", zone, "--out", "desired-state", "--force"], { ...io, cwd: dir, stdout: collect });
  const lines = output.split("\n");
  return { line: lines.find((line) => line.startsWith("wrote ")) ?? `wrote the zone file of ${zone}`, kept: lines.filter((line) => line.includes(" the old file is kept at ")) };
}

/**
 * Runs `cf-gitops import --lists --out desired-state` (with `--force` when init has it): the
 * account's lists, one file each.
 * Returns the paths written, or why none were (a token that may read zones but not lists is common:
 * init goes on without them and says so).
 */
export async function importLists(io: CliIo, dir: string, force: boolean): Promise<{ written: string[]; kept: string[]; skipped?: string }> {
  let output = "";
  const collect = new Writable({ write: (chunk: Buffer, _encoding, done) => ((output += chunk.toString()), done()) });
  const { run } = await import("./import.ts");
  try {
    await run(["--lists", "--out", "desired-state", ...(force ? ["--force"] : [])], { ...io, cwd: dir, stdout: collect });
  } catch (error) {
    return { written: [], kept: [], skipped: error instanceof Error ? error.message : String(error) };
  }
  return {
    written: [...output.matchAll(/^wrote (desired-state\/lists\/[^:\s]+\.yaml)/gm)].map((match) => match[1]!),
    kept: output.split("\n").filter((line) => line.includes(" the old file is kept at ")),
  };
}
