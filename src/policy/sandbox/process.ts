// Starts the sandbox process: the pinned Node under its permission model (reads only where
// allowed-reads.ts says; no child processes, workers, addons, WASI or inspector, which the model
// refuses unless allowed), a heap cap, an empty environment, and a CPU-time limit (ulimit -t) so
// that a policy spinning in a loop dies even if the process that started it was killed first.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { siblingModule } from "../../shared/module-paths.ts";
import { outputTailBytes } from "./limits.ts";

export interface SandboxSpawn {
  policiesDir: string;
  reads: readonly string[];
  memoryMb: number;
  /** Seconds of CPU the process may use in all (a safety net under the caller's deadlines). */
  cpuSeconds: number;
  /** The policies' stripped JavaScript (stripped.ts), readable by the sandbox. */
  cacheDir?: string;
}

export interface SandboxProcess {
  child: ChildProcess;
  /** The end of what the process wrote to stdout and stderr (a policy's console output, Node's errors). */
  outputTail(): string;
}

export const sandboxEntry = fileURLToPath(siblingModule(import.meta.url, "../sandbox-child"));

export function permissionArgs(options: SandboxSpawn): string[] {
  return [
    "--permission",
    ...[...new Set([options.policiesDir, ...options.reads, ...(options.cacheDir ? [options.cacheDir] : [])])].map((path) => `--allow-fs-read=${path}`),
    `--max-old-space-size=${options.memoryMb}`,
    // Type stripping warns that it is experimental; the policies' output is kept for errors only.
    "--no-warnings",
  ];
}

export function spawnSandbox(options: SandboxSpawn): SandboxProcess {
  const args = [...permissionArgs(options), sandboxEntry, options.policiesDir, options.cacheDir ?? ""];
  const stdio = ["pipe", "pipe", "pipe", "pipe"] as const;
  const child = process.platform === "win32"
    ? spawn(process.execPath, args, { env: {}, cwd: options.policiesDir, stdio: [...stdio], windowsHide: true })
    : spawn("/bin/sh", ["-c", `ulimit -t ${Math.ceil(options.cpuSeconds)} && unset PWD OLDPWD SHLVL _ && exec "$@"`, "cf-gitops-policy-sandbox", process.execPath, ...args], { env: {}, cwd: options.policiesDir, stdio: [...stdio] });
  let tail = "";
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString("utf8")).slice(-outputTailBytes);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  // A write to a sandbox that just died must not surface as an uncaught 'error'.
  child.stdin!.on("error", () => undefined);
  return { child, outputTail: () => tail };
}
