// A real `cf-gitops daemon` process on a random port, and a bare git repository it tracks.
import { spawn, type ChildProcess } from "node:child_process";
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { simpleGit, type SimpleGit } from "simple-git";
import { signPayload } from "../../src/shared/hmac-signature.ts";

export const repoRoot = join(import.meta.dirname, "..", "..");
const nodeBin = join(repoRoot, "node_modules", ".bin", "node");

export interface Upstream {
  bare: string;
  work: string;
  git: SimpleGit;
  /** Writes files (relative path -> content), commits and pushes; returns the new sha. */
  commit(files: Record<string, string>, message: string): Promise<string>;
  read(path: string): Promise<string>;
}

export interface UpstreamOptions {
  /** Stack files (name -> content) instead of the shipped stacks/default.yaml. */
  stacks?: Record<string, string>;
}

/** A bare repository seeded with the shipped example's stack, desired state and policy config. */
export async function createUpstream(dir: string, stackOverrides = "", options: UpstreamOptions = {}): Promise<Upstream> {
  const bare = join(dir, "upstream.git");
  const work = join(dir, "work");
  await simpleGit().init(true, [bare, "--initial-branch=main"]);
  await simpleGit().clone(bare, work);
  const git = simpleGit(work).addConfig("user.name", "Grace Hopper").addConfig("user.email", "grace@example.invalid");
  await git.raw(["checkout", "-B", "main"]);
  await cp(join(repoRoot, "desired-state"), join(work, "desired-state"), { recursive: true });
  await cp(join(repoRoot, "policies"), join(work, "policies"), { recursive: true });
  // No product code in the tracked repository: its custom policy imports `cf-gitops/policy`, which
  // the daemon's run resolves to the running cf-gitops, as it does for any config repository.
  await mkdir(join(work, "stacks"), { recursive: true });
  const stack = await readFile(join(repoRoot, "stacks", "default.yaml"), "utf8");
  for (const [name, text] of Object.entries(options.stacks ?? { default: `${stack}\n${stackOverrides}` })) await writeFile(join(work, "stacks", `${name}.yaml`), text);
  async function commit(files: Record<string, string>, message: string): Promise<string> {
    for (const [path, content] of Object.entries(files)) {
      await mkdir(join(work, path, ".."), { recursive: true });
      await writeFile(join(work, path), content);
    }
    await git.add(".").commit(message);
    await git.push("origin", "main");
    return (await git.revparse(["HEAD"])).trim();
  }
  await git.add(".").commit("initial configuration");
  await git.push(["-u", "origin", "main"]);
  return { bare, work, git, commit, read: (path) => readFile(join(work, path), "utf8") };
}

export interface DaemonProcess {
  url: string;
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when every process writing to the daemon's stderr has closed it (its run processes too). */
  outputClosed(): Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startDaemonProcess(options: { repo: string; dataDir: string; env: Record<string, string>; args?: string[] }): Promise<DaemonProcess> {
  const child = spawn(nodeBin, [join(repoRoot, "bin", "cf-gitops.js"), "daemon", "--repo", options.repo, "--branch", "main", "--data-dir", options.dataDir, "--port", "0", ...(options.args ?? [])], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", CFGITOPS_LOG_LEVEL: "info", ...(process.env.NODE_OPTIONS ? { NODE_OPTIONS: process.env.NODE_OPTIONS } : {}), ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const stderrClosed = new Promise<void>((resolve) => child.stderr!.once("close", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`daemon did not start:\n${stdout}\n${stderr}`)), 20_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /status page: (http:\/\/\S+?)\/\n/.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once("exit", (code) => reject(new Error(`daemon exited with ${code}:\n${stdout}\n${stderr}`)));
  });
  return {
    url,
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    outputClosed: () => stderrClosed,
    stop(signal = "SIGTERM") {
      if (child.exitCode !== null) return Promise.resolve(child.exitCode);
      return new Promise((resolve) => {
        child.once("exit", (code) => resolve(code));
        child.kill(signal);
      });
    },
  };
}

export async function sendPush(url: string, secret: string, body: { ref: string; after: string }, signature?: string): Promise<Response> {
  const payload = JSON.stringify({ ...body, before: "0".repeat(40), repository: { full_name: "home/infra" }, head_commit: { id: body.after, message: "change" } });
  return fetch(`${url}/webhooks/github`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-github-event": "push", "x-github-delivery": crypto.randomUUID(), "x-hub-signature-256": signature ?? signPayload(secret, payload) },
    body: payload,
  });
}

/** Polls until the check returns a value (not undefined), or fails after timeoutMs. */
export async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
