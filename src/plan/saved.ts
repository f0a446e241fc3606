// Saved plans (`plan --out FILE`, `apply FILE`): a versioned JSON document holding the plan as the
// engine made it (every change with its payload) and what it read, so `apply FILE` applies exactly
// that plan, or refuses when it was made elsewhere, edited, or Cloudflare moved since.
import { readFile, writeFile } from "node:fs/promises";
import { CfGitopsError } from "../shared/errors.ts";
import { stableJson } from "./diff.ts";
import { planFingerprint } from "./fingerprint.ts";
import type { Plan } from "./types.ts";

export const savedPlanFormat = "cf-gitops/plan";
export const savedPlanVersion = 1;

export interface SavedPlan {
  format: typeof savedPlanFormat;
  version: typeof savedPlanVersion;
  createdAt: string;
  /** planFingerprint(plan): what the preview comment shows (first 12 digits). */
  fingerprint: string;
  plan: Plan;
}

/** A saved plan that cannot be applied as it is: another stack, engine or account, edited, or stale. */
export class SavedPlanError extends CfGitopsError {
  override name = "SavedPlanError";
}

/** Cloudflare moved since the plan was made: `moved` names what differs. */
export class PlanStaleError extends SavedPlanError {
  override name = "PlanStaleError";
  readonly moved: string[];
  constructor(moved: string[], options: { hint?: string } = {}) {
    const shown = moved.slice(0, 10).join(", ") + (moved.length > 10 ? ` and ${moved.length - 10} more` : "");
    super(`Cloudflare changed since the plan was made (${shown}); nothing was applied`, { hint: options.hint ?? "run plan again and review the new plan" });
    this.moved = moved;
  }
}

export function savePlan(plan: Plan, now = new Date()): SavedPlan {
  return { format: savedPlanFormat, version: savedPlanVersion, createdAt: now.toISOString(), fingerprint: planFingerprint(plan), plan };
}

export async function writeSavedPlan(path: string, plan: Plan): Promise<SavedPlan> {
  const saved = savePlan(plan);
  await writeFile(path, `${JSON.stringify(saved, null, 2)}\n`);
  return saved;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `shown` is the path as the user wrote it. */
export async function readSavedPlan(path: string, shown = path): Promise<SavedPlan> {
  const hint = `write one with: cf-gitops plan --out ${shown}`;
  let document: unknown;
  try {
    document = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    const reason = error instanceof SyntaxError ? `is not JSON: ${error.message}` : `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
    throw new SavedPlanError(`${shown} ${reason}`, { hint, cause: error });
  }
  if (!isRecord(document) || document.format !== savedPlanFormat) throw new SavedPlanError(`${shown} is not a saved cf-gitops plan`, { hint });
  if (document.version !== savedPlanVersion) {
    throw new SavedPlanError(`${shown} is a version ${String(document.version)} plan; this cf-gitops reads version ${savedPlanVersion}`, { hint: `make the plan again with this version: ${hint}` });
  }
  const plan = document.plan;
  if (!isRecord(plan) || typeof plan.stack !== "string" || (plan.engine !== "native" && plan.engine !== "pulumi") || !Array.isArray(plan.changes)) {
    throw new SavedPlanError(`${shown} has no usable plan`, { hint });
  }
  const saved = document as unknown as SavedPlan;
  if (planFingerprint(saved.plan) !== saved.fingerprint) {
    throw new SavedPlanError(`${shown} was changed after it was made (its fingerprint does not match); nothing was applied`, { hint });
  }
  return saved;
}

/** Refuses a plan made for another stack or engine (the account is checked by the engine). */
export function checkSavedPlanTarget(saved: SavedPlan, shown: string, target: { stack: string; engine: Plan["engine"] }): void {
  const { plan } = saved;
  if (plan.stack !== target.stack) throw new SavedPlanError(`${shown} was made for stack ${plan.stack}, not ${target.stack}; nothing was applied`, { hint: `pass --stack ${plan.stack}, or make a plan for ${target.stack}` });
  if (plan.engine !== target.engine) throw new SavedPlanError(`${shown} was made with the ${plan.engine} engine, not ${target.engine}; nothing was applied`, { hint: `pass --engine ${plan.engine}` });
}

/** Ids of changes that differ between two plans (present in one only, or changed). */
export function planDifferences(saved: Plan, fresh: Plan): string[] {
  const signature = (change: Plan["changes"][number]) => stableJson({ kind: change.kind, op: change.op, fields: [...change.fields].sort(), before: change.before ?? null, after: change.after ?? null });
  const before = new Map(saved.changes.map((change) => [change.id, signature(change)]));
  const after = new Map(fresh.changes.map((change) => [change.id, signature(change)]));
  return [...new Set([...before.keys(), ...after.keys()])].filter((id) => before.get(id) !== after.get(id)).sort();
}
