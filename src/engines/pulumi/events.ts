// Collects a preview's or an update's engine events into our Plan changes and, for an update,
// each change's outcome (resOutputsEvent = done, resOpFailedEvent + error diagnostic = failed).
import type { EngineEvent } from "@pulumi/pulumi/automation/index.js";
import { sortChanges } from "../../plan/order.ts";
import type { Change, ChangeOutcome } from "../../plan/types.ts";
import { changesOfStep, type TranslateContext } from "./translate.ts";

export interface EventTranslator {
  onEvent(event: EngineEvent): void;
  /** Every change seen so far, in the plan order both engines use (src/plan/order.ts). */
  changes(): Change[];
  /** One outcome per change; steps without an event are "applied" when the update succeeded, else "skipped". */
  outcomes(updateSucceeded: boolean): ChangeOutcome[];
  /** Error diagnostics, the resource's URN first when there is one. */
  errors(): string[];
  /** Warnings the engine printed (for example about imports). */
  warnings(): string[];
}

/** Without ANSI colour codes and Pulumi's colour tags (`<{%reset%}>`). */
export function stripColours(message: string): string {
  // eslint-disable-next-line no-control-regex -- ANSI escape sequences are exactly what is removed
  return message.replace(/\u001b\[[0-9;]*m/g, "").replace(/<\{%[^%]*%\}>/g, "");
}

function clean(message: string): string {
  return stripColours(message).trim();
}

export function createEventTranslator(context: TranslateContext): EventTranslator {
  const byUrn = new Map<string, Change[]>();
  const done = new Set<string>();
  const failed = new Map<string, string>();
  const errorLines: string[] = [];
  const warningLines: string[] = [];
  return {
    onEvent(event) {
      if (event.resourcePreEvent) {
        const step = event.resourcePreEvent.metadata;
        const changes = changesOfStep(step, context);
        if (changes.length > 0) byUrn.set(step.urn, changes);
      } else if (event.resOutputsEvent) {
        done.add(event.resOutputsEvent.metadata.urn);
      } else if (event.resOpFailedEvent) {
        const urn = event.resOpFailedEvent.metadata.urn;
        if (!failed.has(urn)) failed.set(urn, "the operation failed");
      } else if (event.diagnosticEvent) {
        const diagnostic = event.diagnosticEvent;
        const message = clean(diagnostic.message);
        if (diagnostic.severity === "error") {
          if (diagnostic.urn) failed.set(diagnostic.urn, message);
          errorLines.push(diagnostic.urn ? `${diagnostic.urn}: ${message}` : message);
        } else if (diagnostic.severity === "warning" && message !== "") warningLines.push(message);
      }
    },
    changes: () => sortChanges([...byUrn.values()].flat(), context.desired),
    outcomes(updateSucceeded) {
      const out: ChangeOutcome[] = [];
      for (const [urn, changes] of byUrn) {
        for (const change of changes) {
          const error = failed.get(urn);
          const outcome: ChangeOutcome = { id: change.id, kind: change.kind, op: change.op, status: "applied" };
          if (error !== undefined && !done.has(urn)) Object.assign(outcome, { status: "failed", error });
          else if (!done.has(urn) && !updateSucceeded) outcome.status = "skipped";
          out.push(outcome);
        }
      }
      return out;
    },
    errors: () => [...errorLines],
    warnings: () => [...warningLines],
  };
}
