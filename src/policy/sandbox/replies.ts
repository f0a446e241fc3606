// The sandbox's answers are untrusted (a policy can write to the reply channel too): each is
// checked for shape before the parent uses it, and the sandbox's end is put in words.
import { enforcementLevels } from "../types.ts";
import { decodeReply } from "./frames.ts";
import type { LoadFailureInfo, PolicyInfo, SandboxReply } from "./protocol.ts";

type Shape = Record<string, unknown>;
const isObject = (value: unknown): value is Shape => typeof value === "object" && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === "string" && value.length <= 100_000;
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

function policyInfo(value: unknown): value is PolicyInfo {
  if (!isObject(value) || !isCount(value.key) || !isText(value.file) || !isText(value.id) || !isText(value.description)) return false;
  if (value.level !== undefined && !enforcementLevels.includes(value.level as never)) return false;
  if (value.paramsSchema !== undefined && !isObject(value.paramsSchema)) return false;
  if (value.remediation !== undefined && !isText(value.remediation)) return false;
  if (value.tightening !== undefined && !isObject(value.tightening)) return false;
  return Array.isArray(value.checks) && value.checks.every((check) => check === "checkState" || check === "checkPlan");
}

function failureInfo(value: unknown): value is LoadFailureInfo {
  return isObject(value) && isText(value.id) && isText(value.file) && isText(value.message) && isCount(value.line) && isCount(value.column);
}

/** The reply, or what is wrong with it. */
export function readReply(body: Buffer): SandboxReply | string {
  let value: unknown;
  try {
    value = decodeReply(body);
  } catch {
    return "not JSON";
  }
  if (!isObject(value)) return "not an object";
  if (value.type === "loaded") {
    if (!Array.isArray(value.policies) || !value.policies.every(policyInfo)) return "a policy without its id or description, or with a malformed level or paramsSchema";
    if (!Array.isArray(value.failures) || !value.failures.every(failureInfo)) return "a load failure without its file or message";
    return value as SandboxReply;
  }
  if (value.type === "result" && isCount(value.call) && (value.ok === true || (value.ok === false && isText(value.message)))) return value as SandboxReply;
  return `an unknown message ${JSON.stringify(String(value.type)).slice(0, 40)}`;
}

/** Why the sandbox ended when nobody stopped it. */
export function exitReason(code: number | null, signal: NodeJS.Signals | null, output: string, memoryMb: number): string {
  if (/heap limit|out of memory|Allocation failed/i.test(output) || signal === "SIGABRT" || signal === "SIGTRAP" || code === 134) {
    return `the policy sandbox ran out of memory (it may use ${memoryMb} MB; CFGITOPS_POLICY_MEMORY_MB changes that)`;
  }
  if (signal === "SIGXCPU") return "the policy sandbox used up its CPU time and was stopped";
  const last = output.trim().split("\n").at(-1)?.slice(0, 300);
  const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
  return `the policy sandbox ${how}${last ? ` (${last})` : ""}`;
}
