// The policy sandbox: the process in which committed custom policies (policies/*.ts) run, started
// by src/policy/sandbox/session.ts under Node's permission model with an empty environment. It
// imports the policies, says what they are, then runs their checks on the data it is sent. Requests
// arrive on stdin and replies leave on fd 3 (frames.ts); stdout and stderr are the policies' own.
import { Socket } from "node:net";
import { loadCustomPolicies, type CustomPolicy } from "./custom.ts";
import { createFrameReader, decodeRequest, encodeReply } from "./sandbox/frames.ts";
import { registerPolicyHooks } from "./sandbox/hooks.ts";
import type { CheckName, PolicyInfo, SandboxReply, SandboxRequest } from "./sandbox/protocol.ts";

const policiesDir = process.argv[2]!;
/** Where the parent keeps the policies' stripped JavaScript (read-only here), if anywhere. */
const cacheDir = process.argv[3] || undefined;
const replies = new Socket({ fd: 3, readable: false, writable: true });
const contexts = new Map<number, Omit<Extract<SandboxRequest, { type: "context" }>, "type" | "context">>();

function reply(message: SandboxReply): void {
  replies.write(encodeReply(message));
}

function info(entry: CustomPolicy, key: number): PolicyInfo {
  const { policy } = entry;
  const checks: CheckName[] = (["checkState", "checkPlan"] as const).filter((check) => typeof policy[check] === "function");
  return {
    key, file: entry.file, id: policy.id, description: policy.description, checks,
    ...(policy.level !== undefined ? { level: policy.level } : {}),
    ...(policy.paramsSchema !== undefined ? { paramsSchema: policy.paramsSchema } : {}),
    ...(policy.remediation !== undefined ? { remediation: policy.remediation } : {}),
    ...(policy.tightening !== undefined ? { tightening: policy.tightening } : {}),
  };
}

/** As the policy's own process would report it: the message, and Node's code when there is one (ERR_ACCESS_DENIED). */
function message(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === "string" && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
}

async function check(request: Extract<SandboxRequest, { type: "check" }>, policies: CustomPolicy[]): Promise<void> {
  try {
    const policy = policies[request.policy]?.policy;
    const context = contexts.get(request.context);
    if (!policy || !context) throw new Error("unknown policy or context");
    const ctx = { ...context, params: request.params };
    const value = request.check === "checkState" ? await policy.checkState!(context.desired, ctx) : await policy.checkPlan!(context.plan!, ctx);
    let text: string;
    try {
      text = JSON.stringify(value) ?? "null";
    } catch (error) {
      throw new Error(`${request.check} returned something that cannot be sent back (${message(error)})`, { cause: error });
    }
    reply({ type: "result", call: request.call, ok: true, value: JSON.parse(text) as unknown });
  } catch (error) {
    reply({ type: "result", call: request.call, ok: false, message: message(error) });
  }
}

async function main(): Promise<void> {
  registerPolicyHooks(policiesDir, cacheDir);
  const loaded = await loadCustomPolicies(policiesDir);
  reply({ type: "loaded", policies: loaded.policies.map(info), failures: loaded.failures });
  // Requests are handled in order; a check that never returns holds the rest, and the parent's deadline ends it.
  let queue = Promise.resolve();
  const reader = createFrameReader(Number.MAX_SAFE_INTEGER, (body) => {
    const request = decodeRequest(body) as SandboxRequest;
    queue = queue.then(() => {
      if (request.type === "check") return check(request, loaded.policies);
      const { type: _type, context, ...rest } = request;
      contexts.clear(); // one evaluation at a time: the previous one's data can go
      contexts.set(context, rest);
    });
  }, () => undefined);
  process.stdin.on("data", (chunk: Buffer) => reader.push(chunk));
  process.stdin.on("end", () => process.exit(0));
}

// A policy's stray timer or promise must not end the sandbox; its check is what reports.
process.on("uncaughtException", (error) => process.stderr.write(`uncaught in a custom policy: ${message(error)}\n`));
process.on("unhandledRejection", (error) => process.stderr.write(`unhandled rejection in a custom policy: ${message(error)}\n`));
void main();
