// Reading and repairing the stack's state through `stack export` / `stack import`.
import type { automation } from "@pulumi/pulumi";
import type { StateResource } from "./adapter.ts";
import { urnName } from "./names.ts";

type Stack = automation.Stack;
type Deployment = automation.Deployment;

interface PendingOperation {
  type?: string;
  resource?: { urn?: string };
}

interface Checkpoint {
  resources?: { urn?: string; type?: string; outputs?: Record<string, unknown> }[];
  pending_operations?: PendingOperation[];
}

function checkpoint(deployment: Deployment): Checkpoint {
  return (deployment.deployment ?? {}) as Checkpoint;
}

/** Logical names of every resource the stack's state holds. */
export function namesInState(deployment: Deployment): Set<string> {
  return new Set((checkpoint(deployment).resources ?? []).flatMap((resource) => (resource.urn ? [urnName(resource.urn)] : [])));
}

/** The state's resources with their outputs (adapters alias earlier logical names from them). */
export function stateResources(deployment: Deployment): StateResource[] {
  return (checkpoint(deployment).resources ?? []).flatMap((resource) =>
    resource.urn && resource.type ? [{ type: resource.type, name: urnName(resource.urn), outputs: resource.outputs ?? {} }] : [],
  );
}

/**
 * A crash or kill during an update leaves pending operations, which make the next update refuse
 * to run. They are dropped (export, remove, import) and reported as a warning: what they were
 * doing may or may not have happened in Cloudflare, and adoption picks up anything that did.
 */
export async function clearPendingOperations(stack: Stack, deployment: Deployment): Promise<{ deployment: Deployment; warning?: string }> {
  const pending = checkpoint(deployment).pending_operations ?? [];
  if (pending.length === 0) return { deployment };
  const described = pending.map((op) => `${op.type ?? "operation"} ${op.resource?.urn ? urnName(op.resource.urn) : "?"}`);
  const cleaned: Deployment = { ...deployment, deployment: { ...checkpoint(deployment), pending_operations: [] } };
  await stack.importStack(cleaned);
  return {
    deployment: cleaned,
    warning: `cleared ${pending.length} pending Pulumi operation(s) left by an interrupted run: ${described.join(", ")}; this run re-reads and converges them`,
  };
}
