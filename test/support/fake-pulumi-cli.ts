// Test support: puts the fake `pulumi` (fake-pulumi.ts) on PATH, scripts what its previews and
// updates report, and reads back every call it got. Typed engine-event builders for the scripts.
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EngineEvent, OpMap, OpType, StepEventMetadata } from "@pulumi/pulumi/automation/index.js";
import { encodeLogicalName } from "../../src/engines/pulumi/names.ts";

const root = new URL("../../", import.meta.url).pathname;

export interface FakeRun {
  events: EngineEvent[];
  exitCode?: number;
  stderr?: string;
  hang?: "graceful" | "stubborn";
}

export interface FakeScript {
  version: string;
  preview: FakeRun[];
  up: FakeRun[];
  /** The stack does not exist yet in any backend: `stack select` fails until `stack init` (per backend URL). */
  stackMissing?: boolean;
  /** What `stack export` prints until a `stack import` replaces it. */
  state?: unknown;
}

export interface FakeCall {
  pid: number;
  args?: string[];
  /** PULUMI_BACKEND_URL in the call's environment. */
  backend?: string;
  /** "set" when CLOUDFLARE_API_TOKEN was in the call's environment (the workspace commands). */
  token?: string;
  /** CLOUDFLARE_API_TOKEN's value in preview's and up's environment (the fake's node part). */
  cloudflareToken?: string;
  hanging?: string;
  plugin?: number;
  signal?: string;
}

export interface FakeCli {
  /** The directory to put first on PATH. */
  bin: string;
  /** FAKE_PULUMI_DIR for the fake's process. */
  dir: string;
  script(script: Partial<FakeScript>): Promise<void>;
  calls(): Promise<FakeCall[]>;
  /** The argument lists of one command's calls, e.g. "up". */
  commands(name: string): Promise<string[][]>;
  /** What `stack import` last wrote (the state `stack export` prints now), if anything. */
  imported(): Promise<unknown>;
  remove(): Promise<void>;
}

const cloudflareVersion = (createRequire(import.meta.url)("@pulumi/cloudflare/package.json") as { version: string }).version;

/**
 * The workspace commands are answered by the shell (a Node start per call would make each run
 * take seconds); preview, up and the rest go to fake-pulumi.ts. Arguments are recorded as JSON
 * without escaping: the engine passes none with quotes or backslashes.
 */
function shellFront(node: string, entry: string): string {
  return `#!/bin/sh
d="$FAKE_PULUMI_DIR"
case "$1 $2" in
  "preview "*|"up "*|"stack import") exec "${node}" "${entry}" "$@" ;;
esac
json=""
for a in "$@"; do json="$json\${json:+,}\\"$a\\""; done
printf '{"pid":%s,"args":[%s],"backend":"%s","token":"%s"}\n' "$$" "$json" "$PULUMI_BACKEND_URL" "\${CLOUDFLARE_API_TOKEN:+set}" >> "$d/calls.jsonl"
known="$d/stacks/$(printf '%s' "$PULUMI_BACKEND_URL" | cksum | cut -d' ' -f1)"
case "$1 $2" in
  "stack select") if [ -f "$d/stack-missing" ] && [ ! -f "$known" ]; then echo "error: no stack named '$4' found" >&2; exit 255; fi ;;
  "stack init") mkdir -p "$d/stacks"; : > "$known" ;;
  "version "*) printf 'v%s\n' "$(cat "$d/version")" ;;
  "plugin ls") cat "$d/plugins.json" ;;
  "stack output") printf '{}' ;;
  "stack history") printf '[]' ;;
  "stack export") if [ -f "$d/state.json" ]; then cat "$d/state.json"; else cat "$d/empty-state.json"; fi ;;
esac
exit 0
`;
}

export async function installFakeCli(): Promise<FakeCli> {
  const dir = await mkdtemp(join(tmpdir(), "cf-gitops-fake-pulumi-"));
  const bin = join(dir, "bin");
  await writeFile(join(dir, "calls.jsonl"), "");
  const { mkdir } = await import("node:fs/promises");
  await mkdir(bin);
  const entry = join(root, "test/support/fake-pulumi.ts");
  await writeFile(join(bin, "pulumi"), shellFront(join(root, "node_modules/.bin/node"), entry));
  await chmod(join(bin, "pulumi"), 0o755);
  const fake: FakeCli = {
    bin,
    dir,
    async script(script) {
      for (const name of ["preview.count", "up.count", "state.json", "stack-missing", "stacks"]) await rm(join(dir, name), { force: true, recursive: true });
      const full = { version: "3.173.0", plugins: [{ name: "cloudflare", kind: "resource", version: cloudflareVersion }], preview: [{ events: [] }], up: [{ events: [] }], ...script };
      if (script.stackMissing) await writeFile(join(dir, "stack-missing"), "");
      if (script.state !== undefined) await writeFile(join(dir, "state.json"), JSON.stringify(script.state));
      await writeFile(join(dir, "script.json"), JSON.stringify(full));
      await writeFile(join(dir, "version"), full.version);
      await writeFile(join(dir, "plugins.json"), JSON.stringify(full.plugins));
      await writeFile(join(dir, "empty-state.json"), JSON.stringify({ version: 3, deployment: { manifest: {}, resources: [] } }));
      await writeFile(join(dir, "calls.jsonl"), "");
    },
    async calls() {
      const text = await readFile(join(dir, "calls.jsonl"), "utf8");
      return text.split("\n").filter((line) => line !== "").map((line) => JSON.parse(line) as FakeCall);
    },
    async commands(name) {
      return (await fake.calls()).flatMap((call) => (call.args && call.args[0] === name ? [call.args] : []));
    },
    async imported() {
      const calls = await fake.commands("stack");
      if (!calls.some((args) => args[1] === "import")) return undefined;
      return JSON.parse(await readFile(join(dir, "state.json"), "utf8")) as unknown;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
  await fake.script({});
  return fake;
}

let sequence = 0;

export function urnOf(type: string, id: string, stack = "default"): string {
  return `urn:pulumi:${stack}::cf-gitops::${type}::${encodeLogicalName(id)}`;
}

/** One step's metadata: `old` is the state (as refreshed), `new` the program's inputs. */
export function stepOf(op: OpType, type: string, id: string, sides: { old?: Record<string, unknown>; new?: Record<string, unknown> }, extra: Partial<StepEventMetadata> = {}): StepEventMetadata {
  const urn = urnOf(type, id);
  const meta: StepEventMetadata = { op, urn, type, provider: "", ...extra };
  const state = (inputs: Record<string, unknown>) => ({ type, urn, id: "cloud-id", parent: "", inputs, outputs: inputs, provider: "" });
  if (sides.old) meta.old = state(sides.old);
  if (sides.new) meta.new = state(sides.new);
  return meta;
}

export function pre(metadata: StepEventMetadata): EngineEvent {
  return { sequence: sequence++, timestamp: 0, resourcePreEvent: { metadata } };
}

export function outputs(metadata: StepEventMetadata): EngineEvent {
  return { sequence: sequence++, timestamp: 0, resOutputsEvent: { metadata } };
}

export function summary(resourceChanges: OpMap): EngineEvent {
  return { sequence: sequence++, timestamp: 0, summaryEvent: { maybeCorrupt: false, durationSeconds: 1, resourceChanges, policyPacks: {} } };
}

export function diagnostic(severity: "info" | "warning" | "error", message: string, urn?: string): EngineEvent {
  return { sequence: sequence++, timestamp: 0, diagnosticEvent: { ...(urn && { urn }), message, color: "never", severity } };
}

/** The stack and provider steps every first run has (in the summary, never in a plan). */
export function bookkeeping(op: OpType = "create"): EngineEvent[] {
  const stack: StepEventMetadata = { op, urn: "urn:pulumi:default::cf-gitops::pulumi:pulumi:Stack::cf-gitops-default", type: "pulumi:pulumi:Stack", provider: "" };
  const provider: StepEventMetadata = { op, urn: "urn:pulumi:default::cf-gitops::pulumi:providers:cloudflare::cloudflare", type: "pulumi:providers:cloudflare", provider: "" };
  return [pre(stack), pre(provider)];
}
