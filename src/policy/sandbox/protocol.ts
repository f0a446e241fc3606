// The messages between the policy sandbox (src/policy/sandbox-child.ts) and the process that runs
// the policies (session.ts). Requests carry data only; replies are checked as untrusted JSON.
import type { DesiredState, StackConfig } from "../../desired-state/types.ts";
import type { Plan } from "../../plan/types.ts";
import type { EnforcementLevel, JsonSchema, Tightening } from "../types.ts";

export type CheckName = "checkState" | "checkPlan";

export type SandboxRequest =
  /** What the next checks see; sent once per evaluation, not once per policy. */
  | { type: "context"; context: number; desired: DesiredState; stack?: StackConfig; plan?: Plan; now: Date }
  | { type: "check"; call: number; context: number; policy: number; check: CheckName; params: Record<string, unknown> };

/** A custom policy as loaded in the sandbox: everything but its checks, which stay there. */
export interface PolicyInfo {
  /** Its position in the sandbox's list, named by "check" requests. */
  key: number;
  file: string;
  id: string;
  description: string;
  /** Optional: policy.yaml's entry or the default decides when absent (ADR 28). */
  level?: EnforcementLevel;
  paramsSchema?: JsonSchema;
  remediation?: string;
  tightening?: Record<string, Tightening>;
  checks: CheckName[];
}

export interface LoadFailureInfo {
  id: string;
  file: string;
  message: string;
  line: number;
  column: number;
}

export type SandboxReply =
  | { type: "loaded"; policies: PolicyInfo[]; failures: LoadFailureInfo[] }
  | { type: "result"; call: number; ok: true; value: unknown }
  | { type: "result"; call: number; ok: false; message: string };
