// The one place cf-gitops writes a stack's state itself (`stack import`), and only in apply: after
// the plan is approved, under cf-gitops' job lock, right before the update. Plan, drift and
// pull-request previews never write state (docs/pulumi.md, "What a preview writes").
import type { automation } from "@pulumi/pulumi";
import type { Logger } from "../../shared/logger.ts";
import { stateForApply } from "./stack-state.ts";

/**
 * Drops pending operations and marks the released resources retainOnDelete, from a fresh export
 * (not the snapshot the preview read, which an update elsewhere may have superseded). Returns
 * whether the state was written.
 */
export async function writeStateForApply(stack: automation.Stack, released: ReadonlySet<string>, log: Logger): Promise<boolean> {
  const edited = stateForApply(await stack.exportStack(), released);
  if (!edited) return false;
  await stack.importStack(edited);
  log.info({ stack: stack.name, released: released.size }, "pulumi state prepared for the update (pending operations dropped, released resources retained)");
  return true;
}
