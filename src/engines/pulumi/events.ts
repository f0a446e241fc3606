// Collects a preview's or an update's engine events into our Plan changes and, for an update,
// each change's outcome as its step finishes (resOutputsEvent = done, resOpFailedEvent = failed).
// Diagnostics are sorted three ways: errors (kept with the outcome), the import refusals cf-gitops
// turns into a plan-time error, and every other warning (the provider's "Resource Destruction
// Considerations" on each zone setting, say), which goes to the log, never into the plan.
import type { EngineEvent, StepEventMetadata } from "@pulumi/pulumi/automation/index.js";
import { sortChanges } from "../../plan/order.ts";
import type { Change, ChangeOutcome } from "../../plan/types.ts";
import { adapterFor } from "./adapters.ts";
import { urnName, urnType } from "./names.ts";
import { changesOfStep, isBookkeeping, isChangingOp, unexpressedChange, type TranslateContext } from "./translate.ts";

export interface Diagnostic {
  urn?: string;
  message: string;
}

export interface EventTranslator {
  onEvent(event: EngineEvent): void;
  /** Every change seen so far, in the plan order both engines use (src/plan/order.ts). */
  changes(): Change[];
  /** One outcome per change; steps without an event are "applied" when the update succeeded, else "skipped". */
  outcomes(updateSucceeded: boolean): ChangeOutcome[];
  /** Error diagnostics, the resource's URN first when there is one. */
  errors(): string[];
  /** Warnings that Pulumi would refuse an import (the resource is in `urn`): a plan-time error for cf-gitops. */
  importRefusals(): Diagnostic[];
  /** Every other warning the engine or the provider printed: for the log. */
  warnings(): Diagnostic[];
  /** Resources that stop being managed (a delete that changes nothing in Cloudflare), as notes for the plan. */
  notes(): string[];
  /** Steps, other than on the stack and its providers, that change Cloudflare or the state. */
  resourceSteps(): number;
  /** Of those, steps that only touch Pulumi's state (imports, deletes that Cloudflare never sees). */
  stateOnlySteps(): number;
  /** Changing steps on the stack resource and providers (counted in Pulumi's change summary too). */
  bookkeepingSteps(): number;
}

export interface TranslatorOptions {
  /** Called with each change's outcome as soon as its step finished (an update only). */
  onOutcome?(outcome: ChangeOutcome): void;
}

/** Without ANSI colour codes and Pulumi's colour tags (`<{%reset%}>`). */
export function stripColours(message: string): string {
  // eslint-disable-next-line no-control-regex -- ANSI escape sequences are exactly what is removed
  return message.replace(/\u001b\[[0-9;]*m/g, "").replace(/<\{%[^%]*%\}>/g, "");
}

function clean(message: string): string {
  return stripColours(message).trim();
}

/**
 * Pulumi refuses the import. Before CLI 3.174: "inputs to import do not match the existing
 * resource" (a warning in preview, an error in up). From 3.174 an import is followed by an
 * update, and only a replacement is refused: "previously-imported resources that still specify an
 * ID may not be replaced".
 */
export function isImportRefusal(message: string): boolean {
  return /inputs to import do not match the existing resource|previously-imported resources that still specify an ID may not be replaced/.test(message);
}

export function createEventTranslator(context: TranslateContext, options: TranslatorOptions = {}): EventTranslator {
  const byUrn = new Map<string, Change[]>();
  const done = new Set<Change>();
  const reported = new Set<Change>();
  const failed = new Map<string, string>();
  const errorLines: string[] = [];
  const refusals: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const notes: string[] = [];
  const counted = { resource: new Set<string>(), stateOnly: new Set<string>(), bookkeeping: new Set<string>() };

  function onStep(step: StepEventMetadata): void {
    if (!isChangingOp(step.op)) return;
    if (isBookkeeping(step.type)) {
      counted.bookkeeping.add(`${step.urn} ${step.op}`);
      return;
    }
    const name = urnName(step.urn);
    const adapter = adapterFor(context.adapters, urnType(step.urn), name);
    counted.resource.add(step.urn);
    const released = context.released.get(name);
    if (step.op === "delete" && (adapter?.forgets || released !== undefined)) {
      counted.stateOnly.add(step.urn);
      notes.push(released ?? adapter!.forgets!(name));
      return;
    }
    // an import is state-only, unless (CLI >= 3.174) an update of the same resource follows it
    if (step.op === "import") counted.stateOnly.add(step.urn);
    else counted.stateOnly.delete(step.urn);
    let changes = changesOfStep(step, context);
    if (changes.length === 0 && step.op !== "import" && adapter && ["create", "update", "delete", "replace"].includes(step.op)) changes = [unexpressedChange(step, adapter)];
    if (changes.length > 0) byUrn.set(step.urn, [...(byUrn.get(step.urn) ?? []), ...changes]);
  }

  /** Reports each change of the resource once; an applied change is done (a later failure is another step's). */
  function finished(urn: string, status: "applied" | "failed"): void {
    for (const change of byUrn.get(urn) ?? []) {
      if (done.has(change) || reported.has(change)) continue;
      reported.add(change);
      if (status === "applied") done.add(change);
      const outcome: ChangeOutcome = { id: change.id, kind: change.kind, op: change.op, status };
      if (status === "failed") outcome.error = failed.get(urn) ?? "the operation failed";
      options.onOutcome?.(outcome);
    }
  }

  const sequences = new Set<number>();
  return {
    onEvent(event) {
      // the Automation API tails the CLI's event log file (CLI <= 3.205) and, when the last lines
      // arrive as it stops, may hand some over twice: an event is its sequence number
      if (typeof event.sequence === "number") {
        if (sequences.has(event.sequence)) return;
        sequences.add(event.sequence);
      }
      if (event.resourcePreEvent) onStep(event.resourcePreEvent.metadata);
      else if (event.resOutputsEvent) {
        // `up --refresh` reports each resource's refresh too, before its step: not the change
        const { urn, op } = event.resOutputsEvent.metadata;
        if (isChangingOp(op)) finished(urn, "applied");
      } else if (event.resOpFailedEvent) {
        const urn = event.resOpFailedEvent.metadata.urn;
        if (!failed.has(urn)) failed.set(urn, "the operation failed");
        finished(urn, "failed");
      } else if (event.diagnosticEvent) {
        const diagnostic = event.diagnosticEvent;
        const message = clean(diagnostic.message);
        if (message === "") return;
        const entry: Diagnostic = diagnostic.urn ? { urn: diagnostic.urn, message } : { message };
        if (isImportRefusal(message)) refusals.push(entry);
        if (diagnostic.severity === "error") {
          if (diagnostic.urn) failed.set(diagnostic.urn, message);
          errorLines.push(diagnostic.urn ? `${diagnostic.urn}: ${message}` : message);
        } else if (diagnostic.severity === "warning" && !isImportRefusal(message)) warnings.push(entry);
      }
    },
    changes: () => sortChanges([...byUrn.values()].flat(), context.desired),
    outcomes(updateSucceeded) {
      const out: ChangeOutcome[] = [];
      for (const [urn, changes] of byUrn) {
        for (const change of changes) {
          const error = failed.get(urn);
          const outcome: ChangeOutcome = { id: change.id, kind: change.kind, op: change.op, status: "applied" };
          if (error !== undefined && !done.has(change)) Object.assign(outcome, { status: "failed", error });
          else if (!done.has(change) && !updateSucceeded) outcome.status = "skipped";
          out.push(outcome);
        }
      }
      return out;
    },
    errors: () => [...errorLines],
    importRefusals: () => [...refusals],
    warnings: () => [...warnings],
    notes: () => [...new Set(notes)],
    resourceSteps: () => counted.resource.size,
    stateOnlySteps: () => counted.stateOnly.size,
    bookkeepingSteps: () => counted.bookkeeping.size,
  };
}
