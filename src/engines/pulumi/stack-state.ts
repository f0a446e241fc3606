// Reading the stack's state (`stack export`) and the edits apply makes to it. Nothing here writes:
// plan and drift only read, and the one write (`stack import`) is apply-state.ts's, under the job lock.
import type { automation } from "@pulumi/pulumi";
import type { StateResource } from "./adapter.ts";
import { urnName } from "./names.ts";

type Deployment = automation.Deployment;

interface PendingOperation {
  type?: string;
  resource?: { urn?: string };
}

interface CheckpointResource {
  urn?: string;
  type?: string;
  outputs?: Record<string, unknown>;
  retainOnDelete?: boolean;
}

interface Checkpoint {
  resources?: CheckpointResource[];
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
    resource.urn && resource.type ? [{ type: resource.type, name: urnName(resource.urn), urn: resource.urn, outputs: resource.outputs ?? {} }] : [],
  );
}

/** The pending operations a crash or kill during an update left, as "<op> <logical name>". */
export function pendingOperations(deployment: Deployment): string[] {
  return (checkpoint(deployment).pending_operations ?? []).map((op) => `${op.type ?? "operation"} ${op.resource?.urn ? urnName(op.resource.urn) : "?"}`);
}

/**
 * The state as this run reads it: pending operations left by an interrupted run are dropped in
 * memory (what they were doing may or may not have happened in Cloudflare; the refresh and
 * adoption see what did), with a warning. Plan and drift never write this back.
 */
export function withoutPendingOperations(deployment: Deployment): { deployment: Deployment; warning?: string } {
  const pending = pendingOperations(deployment);
  if (pending.length === 0) return { deployment };
  return {
    deployment: { ...deployment, deployment: { ...checkpoint(deployment), pending_operations: [] } },
    warning: `${pending.length} pending Pulumi operation(s) left by an interrupted run: ${pending.join(", ")}; this run reads past them, and the next apply drops them from the state and converges`,
  };
}

/**
 * What apply writes before its update, or undefined when the state needs no edit: pending
 * operations dropped, and the resources that stop being managed (`released`, by logical name)
 * marked retainOnDelete, so the update drops them from the state without deleting them in
 * Cloudflare (Pulumi's delete of a retained resource never calls the provider).
 */
export function stateForApply(deployment: Deployment, released: ReadonlySet<string>): Deployment | undefined {
  const current = checkpoint(deployment);
  let edited = (current.pending_operations ?? []).length > 0;
  const resources = (current.resources ?? []).map((resource) => {
    if (!resource.urn || !released.has(urnName(resource.urn)) || resource.retainOnDelete === true) return resource;
    edited = true;
    return { ...resource, retainOnDelete: true };
  });
  return edited ? { ...deployment, deployment: { ...current, resources, pending_operations: [] } } : undefined;
}
