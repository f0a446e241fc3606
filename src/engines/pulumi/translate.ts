// Pulumi step events -> our Change model. Each side of a step (old state, new inputs) is read
// back into resources by the kind's adapter and run through the same diff as the native engine,
// so both engines report the same kind, id, op and fields for the same difference.
import type { StepEventMetadata, StepEventStateMetadata } from "@pulumi/pulumi/automation/index.js";
import type { SourceLocation } from "../../desired-state/types.ts";
import { changedFields, diffResources } from "../../plan/diff.ts";
import { claim, emptyOwnership, type Resource } from "../../plan/resources.ts";
import type { Change, ChangeOp } from "../../plan/types.ts";
import type { PulumiAdapter, TranslateContext as AdapterContext } from "./adapter.ts";
import { adapterFor } from "./adapters.ts";
import { decodeLogicalName, urnName, urnType } from "./names.ts";

export interface TranslateContext extends AdapterContext {
  adapters: readonly PulumiAdapter[];
  /** The desired resources, in YAML order (for the plan's order). */
  desired: readonly Resource[];
  /** Change id -> where the desired object is declared. */
  sources: Map<string, SourceLocation>;
  /** Logical name -> note, for state resources that stop being managed (release.ts): a delete of one is that note. */
  released: ReadonlyMap<string, string>;
}

export function translateContext(desired: readonly Resource[], adapters: readonly PulumiAdapter[], released: ReadonlyMap<string, string> = new Map()): TranslateContext {
  return {
    adapters,
    desired,
    desiredByKey: new Map(desired.map((resource) => [resource.key, resource])),
    sources: new Map(desired.flatMap((resource) => (resource.source ? [[resource.id, resource.source] as const] : []))),
    released,
  };
}

type State = Record<string, unknown>;

const opMap: Partial<Record<StepEventMetadata["op"], ChangeOp>> = {
  create: "create",
  import: "import",
  update: "update",
  delete: "delete",
  replace: "replace",
};

/** The live side of a step: the provider's last read (outputs), else what was sent (inputs). */
function stateOf(meta: StepEventStateMetadata | undefined): State | undefined {
  if (!meta) return undefined;
  return meta.outputs && Object.keys(meta.outputs).length > 0 ? meta.outputs : meta.inputs;
}

function diffKeys(step: StepEventMetadata): string[] {
  const keys = step.detailedDiff ? Object.keys(step.detailedDiff) : (step.diffs ?? []);
  const top = keys.map((key) => snakeKey(key.split(/[.[]/)[0]!));
  return [...new Set(top)].sort();
}

function withSource(change: Change, context: TranslateContext): Change {
  const source = context.sources.get(change.id);
  return source ? { ...change, source } : change;
}

function make(op: ChangeOp, resource: Resource, extra: Partial<Change>): Change {
  const change: Change = { kind: resource.kind, id: resource.id, op, fields: [], ...extra };
  if (resource.zone !== undefined) change.zone = resource.zone;
  return change;
}

/** A step on a resource that is one Change (a DNS record, a zone setting). */
function single(step: StepEventMetadata, op: ChangeOp, before: Resource | undefined, after: Resource | undefined): Change[] {
  if ((op === "create" || op === "import") && after) return [make(op, after, { after: after.value, fields: Object.keys(after.value) })];
  if (op === "delete" && before) return [make(op, before, { before: before.value, fields: Object.keys(before.value) })];
  if (op === "update" && !before && after) return [make(op, after, { after: after.value, fields: Object.keys(after.value) })];
  if (!before || !after) return [];
  if (before.key !== after.key) {
    // different objects in our model (an A that became a CNAME under an alias): delete + create,
    // the old one named as the state named it
    const old = before.id === after.id ? { ...before, id: before.key } : before;
    return [make("delete", old, { before: old.value, fields: Object.keys(old.value) }), make("create", after, { after: after.value, fields: Object.keys(after.value) })];
  }
  const fields = changedFields(before.value, after.value);
  return [make(op, after, { before: before.value, after: after.value, fields: fields.length > 0 ? fields : diffKeys(step) })];
}

/** A step on a resource that holds many Changes (a ruleset's rules, a tunnel's ingress). */
function grouped(op: ChangeOp, before: Resource[], after: Resource[]): Change[] {
  if (op === "create" || op === "import") {
    return after.map((r) => make(op, r, { after: r.value, fields: Object.keys(r.value) }));
  }
  const ownership = emptyOwnership();
  for (const resource of [...before, ...after]) claim(ownership, resource.kind, resource.scope);
  const changes = diffResources(op === "delete" ? [] : after, before, ownership);
  return op === "replace" ? changes.map((change) => (change.op === "update" ? { ...change, op: "replace" } : change)) : changes;
}

/** Steps that change something, as Pulumi's own "has changes" counts them (not same, read, discard, refresh). */
export function isChangingOp(op: string): boolean {
  return !["same", "read", "read-replacement", "discard", "discard-replaced", "refresh"].includes(op);
}

/** The stack resource and the providers: counted by Pulumi, never a change of Cloudflare. */
export function isBookkeeping(type: string): boolean {
  return type === "pulumi:pulumi:Stack" || type.startsWith("pulumi:providers:");
}

/**
 * A step the plan model cannot say in its own terms (a tunnel configuration replaced because only
 * its tunnel id changed, a ruleset updated in a field cf-gitops does not model): shown as a change
 * of the resource, named by its logical name, with the provider's changed fields.
 */
export function unexpressedChange(step: StepEventMetadata, adapter: PulumiAdapter): Change {
  const op = opMap[step.op] ?? "update";
  const id = decodeLogicalName(urnName(step.urn));
  const inputs = step.new?.inputs ?? step.old?.inputs ?? {};
  const fields = diffKeys(step);
  const change: Change = { kind: adapter.kind as Change["kind"], id, op, fields: fields.length > 0 ? fields : Object.keys(inputs).map(snakeKey).sort() };
  const zone = id.includes("/") && id.split("/")[0]!.includes(".") ? id.split("/")[0] : undefined;
  if (zone !== undefined) change.zone = zone;
  return change;
}

function snakeKey(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The Changes one step stands for; [] for steps that change nothing (same, read, refresh) and for providers. */
export function changesOfStep(step: StepEventMetadata, context: TranslateContext): Change[] {
  const op = opMap[step.op];
  if (op === undefined) return [];
  const name = urnName(step.urn);
  const adapter = adapterFor(context.adapters, urnType(step.urn), name);
  if (!adapter) return [];
  // under an alias the old side is the state's resource, named by its own (earlier) logical name
  const before = adapter.fromState(step.old?.urn ? urnName(step.old.urn) : name, stateOf(step.old), context);
  const after = adapter.fromState(name, step.new?.inputs, context);
  const changes =
    adapter.shape === "single"
      ? single(step, adapter.createIsUpdate && op === "create" ? "update" : op, before[0], after[0])
      : grouped(op, before, after);
  return changes.map((change) => withSource(change, context));
}
