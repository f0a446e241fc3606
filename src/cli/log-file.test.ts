// --log-file: size-based rotation through pino-roll, the same redaction as stderr, and run processes
// appending to the daemon's current file.
import { existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger, runLogFileVariable } from "../shared/logger.ts";
import { openLogFile } from "./log-file.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "cfg-logfile-"));
});
afterEach(() => {
  delete process.env[runLogFileVariable];
  rmSync(dir, { recursive: true, force: true });
});

function captured(): { stream: PassThrough; text(): string } {
  const chunks: string[] = [];
  const stream = new PassThrough().on("data", (chunk: Buffer) => chunks.push(chunk.toString()));
  return { stream, text: () => chunks.join("") };
}

describe("--log-file", () => {
  it("rotates by size, keeps N old files, links current.log, and redacts like stderr", async () => {
    const logFile = await openLogFile({ "log-file": "logs/daemon.log", "log-max-size": "2k", "log-keep": "2" }, dir);
    const stderr = captured();
    const log = createLogger({ destination: stderr.stream, also: logFile!.stream });
    for (let i = 0; i < 120; i++) {
      log.info({ run: i, token: "tok-secret-value", headers: { authorization: "Bearer tok-secret-value" } }, "run finished");
      await new Promise((resolve) => setTimeout(resolve, 3)); // let each write finish, so the stream drains and rolls
    }
    await logFile!.close();
    await new Promise((resolve) => setTimeout(resolve, 50)); // old-file cleanup runs after the roll

    const files = readdirSync(join(dir, "logs")).sort();
    const numbered = files.filter((name) => /^daemon\.\d+\.log$/.test(name));
    expect(numbered.length).toBe(3); // the current file and two rotated ones
    expect(files).toContain("current.log");
    expect(numbered).toContain(readlinkSync(join(dir, "logs", "current.log")));
    const fileText = numbered.map((name) => readFileSync(join(dir, "logs", name), "utf8")).join("");
    for (const text of [fileText, stderr.text()]) {
      expect(text).not.toContain("tok-secret-value");
      expect(text).toContain('"token":"[redacted]"');
    }
    const last = fileText.trim().split("\n").map((line) => JSON.parse(line) as { run: number, msg: string });
    expect(last.at(-1)).toMatchObject({ run: 119, msg: "run finished" });
    expect(stderr.text().trim().split("\n")).toHaveLength(120);
  });

  it("gives run processes the current file to append to", async () => {
    const logFile = await openLogFile({ "log-file": join(dir, "daemon.log") }, "/elsewhere");
    expect(logFile!.runEnv).toEqual({ [runLogFileVariable]: join(dir, "current.log") });
    process.env[runLogFileVariable] = logFile!.runEnv[runLogFileVariable];
    const child = createLogger({ destination: new PassThrough() });
    child.info({ runId: 7, apiToken: "abc-secret" }, "from the run process");
    await logFile!.close();
    const line = JSON.parse(readFileSync(join(dir, "daemon.1.log"), "utf8").trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ runId: 7, apiToken: "[redacted]", msg: "from the run process" });
  });

  it("refuses a malformed size or count, and does nothing without --log-file", async () => {
    await expect(openLogFile({ "log-file": "x.log", "log-max-size": "ten megs" }, dir)).rejects.toThrow('--log-max-size must look like 500k, 10m or 1g; got "ten megs"');
    await expect(openLogFile({ "log-file": "x.log", "log-keep": "0" }, dir)).rejects.toThrow('--log-keep must be a whole number of at least 1; got "0"');
    expect(await openLogFile({}, dir)).toBeUndefined();
    expect(existsSync(join(dir, "x.1.log"))).toBe(false);
  });
});
