// Whether `up` has work: Pulumi's own change summary decides, not the changes cf-gitops could
// translate, so a step the plan model cannot express still runs. Bookkeeping steps (the stack
// resource and its providers, created on a stack's first run) count in the summary but change
// nothing in Cloudflare.
import type { OpMap } from "@pulumi/pulumi/automation/index.js";
import type { EventTranslator } from "./events.ts";
import { isChangingOp } from "./translate.ts";

export interface PreviewWork {
  /** Resource steps that change Cloudflare or the state (the summary's count, or the steps seen if more). */
  steps: number;
}

export function changingCount(summary: OpMap | undefined): number {
  return Object.entries(summary ?? {}).reduce((sum, [op, count]) => sum + (isChangingOp(op) ? (count ?? 0) : 0), 0);
}

export function previewWork(summary: OpMap | undefined, translator: Pick<EventTranslator, "resourceSteps" | "bookkeepingSteps">): PreviewWork {
  const counted = changingCount(summary) - translator.bookkeepingSteps();
  const seen = translator.resourceSteps();
  return { steps: Math.max(counted, seen) };
}
