// A stand-in for the `pulumi` CLI's `preview` and `up`, for tests of the engine through the real
// Automation API on machines without the CLI (the shell front in fake-pulumi-cli.ts answers the rest). It
// records every call, writes a script's engine events to the event log (CLI versions up to 3.205
// hand events over in that file) and exits as the script says; `hang` keeps it running, with a
// lock on a file backend and a child "plugin" in its process group, to test cancellation.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

interface Run {
  events: unknown[];
  exitCode?: number;
  stderr?: string;
  /** Keep running; "graceful": exit on SIGINT as the CLI does; "stubborn": ignore it. */
  hang?: "graceful" | "stubborn";
}

interface Script {
  preview: Run[];
  up: Run[];
}

const dir = process.env.FAKE_PULUMI_DIR ?? "";
const args = process.argv.slice(2);
const script = JSON.parse(readFileSync(join(dir, "script.json"), "utf8")) as Script;

function record(entry: Record<string, unknown>): void {
  appendFileSync(join(dir, "calls.jsonl"), `${JSON.stringify({ pid: process.pid, at: Date.now(), ...entry })}\n`);
}

/** The script's next run of a command (the last one repeats). */
function nextRun(command: "preview" | "up"): Run {
  const counter = join(dir, `${command}.count`);
  const index = existsSync(counter) ? Number(readFileSync(counter, "utf8")) : 0;
  writeFileSync(counter, String(index + 1));
  const runs = script[command];
  return runs[Math.min(index, runs.length - 1)] ?? { events: [] };
}

function operation(command: "preview" | "up"): void {
  const run = nextRun(command);
  const log = args[args.indexOf("--event-log") + 1];
  if (log) for (const event of run.events) appendFileSync(log, `${JSON.stringify(event)}\n`);
  if (run.stderr) process.stderr.write(run.stderr);
  if (!run.hang) process.exit(run.exitCode ?? 0);
  const plugin = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  const lock = takeLock();
  record({ hanging: command, plugin: plugin.pid, lock });
  process.on("SIGINT", () => {
    record({ signal: "SIGINT" });
    if (run.hang === "graceful") {
      process.stderr.write("^C received; cancelling. If you would like to terminate immediately, press ^C again.\n");
      plugin.kill("SIGTERM");
      if (lock) rmSync(lock, { force: true });
      process.exit(255);
    }
  });
  setInterval(() => undefined, 1000);
}

/** What an update takes on a file backend: <root>/.pulumi/locks/organization/<project>/<stack>/<uuid>.json. */
function takeLock(): string | undefined {
  const backend = process.env.PULUMI_BACKEND_URL ?? "";
  if (!backend.startsWith("file://")) return undefined;
  const lockDir = join(fileURLToPath(backend), ".pulumi", "locks", "organization", "cf-gitops", args[args.indexOf("--stack") + 1] ?? "default");
  mkdirSync(lockDir, { recursive: true });
  const file = join(lockDir, `${randomUUID()}.json`);
  writeFileSync(file, JSON.stringify({ pid: process.pid, username: "test", hostname: hostname(), timestamp: new Date().toISOString() }));
  return file;
}

// the shell front (fake-pulumi-cli.ts) answers the workspace commands itself
record({ args, backend: process.env.PULUMI_BACKEND_URL, ...(process.env.CLOUDFLARE_API_TOKEN !== undefined && { cloudflareToken: process.env.CLOUDFLARE_API_TOKEN }) });
const [first, second] = args;
if (first === "stack" && second === "import") writeFileSync(join(dir, "state.json"), readFileSync(args[args.indexOf("--file") + 1]!, "utf8"));
else if (first === "preview" || first === "up") operation(first);
