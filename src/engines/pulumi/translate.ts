// Pulumi step events -> our Change model. Each side of a step (old state, new inputs) is turned
// back into the API's shape and run through the same normalisers and diff as the native engine,
// so both engines report the same kind, id, op and fields for the same difference.
import type { StepEventMetadata, StepEventStateMetadata } from "@pulumi/pulumi/automation/index.js";
import type { SourceLocation } from "../../desired-state/types.ts";
import { dnsValueFromLive } from "../../kinds/dns-record/normalise.ts";
import { dnsRecordStateToApi } from "../../kinds/dns-record/pulumi.ts";
import { firewallValueFromLive } from "../../kinds/firewall-rule/normalise.ts";
import { rulesetStateToApiRules } from "../../kinds/firewall-rule/pulumi.ts";
import { tunnelServiceFromLive } from "../../kinds/tunnel-service/normalise.ts";
import { ingressKey, tunnelStateToApiIngress } from "../../kinds/tunnel-service/pulumi.ts";
import { settingFromLive } from "../../kinds/zone-settings/normalise.ts";
import { changedFields, diffResources } from "../../plan/diff.ts";
import { dnsResource } from "../../plan/expand.ts";
import { emptyOwnership, type Resource } from "../../plan/resources.ts";
import type { Change, ChangeOp } from "../../plan/types.ts";
import { decodeLogicalName, pulumiTypes, urnName, urnType } from "./names.ts";

export interface TranslateContext {
  /** Change id -> where the desired object is declared. */
  sources: Map<string, SourceLocation>;
  /** tunnel name -> ingress key (hostname + path) -> service name, from the desired state. */
  serviceNames: Record<string, Record<string, string>>;
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
  const top = keys.map((key) => key.split(/[.[]/)[0]!.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
  return [...new Set(top)].sort();
}

function withSource(change: Change, context: TranslateContext): Change {
  const source = context.sources.get(change.id);
  return source ? { ...change, source } : change;
}

/** A step on a resource that is one Change (DnsRecord, ZoneSetting). */
function single(step: StepEventMetadata, op: ChangeOp, before: Resource | undefined, after: Resource | undefined): Change[] {
  const make = (kind: ChangeOp, resource: Resource, extra: Partial<Change>): Change => {
    const change: Change = { kind: resource.kind, id: resource.id, op: kind, fields: [], ...extra };
    if (resource.zone !== undefined) change.zone = resource.zone;
    return change;
  };
  if ((op === "create" || op === "import") && after) return [make(op, after, { after: after.value, fields: Object.keys(after.value) })];
  if (op === "delete" && before) return [make(op, before, { before: before.value, fields: Object.keys(before.value) })];
  if (op === "update" && !before && after) return [make(op, after, { after: after.value, fields: Object.keys(after.value) })];
  if (!before || !after) return [];
  if (before.id !== after.id) {
    // content edited by hand: in our model content is identity, so this is delete + create
    return [
      make("delete", before, { before: before.value, fields: Object.keys(before.value) }),
      make("create", after, { after: after.value, fields: Object.keys(after.value) }),
    ];
  }
  const fields = changedFields(before.value, after.value);
  return [make(op, after, { before: before.value, after: after.value, fields: fields.length > 0 ? fields : diffKeys(step) })];
}

function dnsSide(zone: string, state: State | undefined): Resource | undefined {
  return state ? dnsResource(zone, dnsValueFromLive(dnsRecordStateToApi(state))) : undefined;
}

function settingSide(id: string, zone: string, state: State | undefined): Resource | undefined {
  return state ? { kind: "zone-settings", key: id, id, zone, value: { ...settingFromLive({ value: state.value }) } } : undefined;
}

function ruleResources(zone: string, state: State | undefined): Resource[] {
  return rulesetStateToApiRules(state).map((rule) => {
    const value = firewallValueFromLive(rule);
    const id = `${zone}/firewall/${value.ref}`;
    return { kind: "firewall-rule", key: id, id, zone, value: { ...value } };
  });
}

function serviceResources(tunnel: string, state: State | undefined, context: TranslateContext): Resource[] {
  const names = context.serviceNames[tunnel] ?? {};
  const out: Resource[] = [];
  for (const rule of tunnelStateToApiIngress(state)) {
    const value = tunnelServiceFromLive(rule, tunnel);
    if (!value) continue;
    const key = ingressKey(value);
    const id = `services/${names[key] ?? key}`; // not desired any more: named by hostname + path, as the native engine does
    out.push({ kind: "tunnel-service", key: `tunnel/${tunnel}/${key}`, id, tunnelId: tunnel, value: { ...value } });
  }
  return out;
}

/** A step on a resource that holds many Changes (a Ruleset's rules, a tunnel's ingress). */
function expanded(op: ChangeOp, before: Resource[], after: Resource[], scope: { zone?: string; tunnel?: string }): Change[] {
  if (op === "create" || op === "import") {
    return after.map((r) => ({ kind: r.kind, id: r.id, ...(r.zone && { zone: r.zone }), op, after: r.value, fields: Object.keys(r.value) }));
  }
  const ownership = emptyOwnership();
  if (scope.zone) ownership.firewallZones.add(scope.zone);
  if (scope.tunnel) ownership.tunnels.add(scope.tunnel);
  const changes = diffResources(op === "delete" ? [] : after, before, ownership);
  return op === "replace" ? changes.map((change) => (change.op === "update" ? { ...change, op: "replace" } : change)) : changes;
}

/** The Changes one step stands for; [] for steps that change nothing (same, read, refresh) and for providers. */
export function changesOfStep(step: StepEventMetadata, context: TranslateContext): Change[] {
  const op = opMap[step.op];
  if (op === undefined) return [];
  const name = decodeLogicalName(urnName(step.urn));
  const before = stateOf(step.old);
  const after = step.new?.inputs;
  const zone = name.split("/")[0] ?? "";
  let changes: Change[];
  switch (urnType(step.urn)) {
    case pulumiTypes.dnsRecord:
      changes = single(step, op, dnsSide(zone, before), dnsSide(zone, after));
      break;
    case pulumiTypes.zoneSetting:
      // a zone setting always exists in Cloudflare: "creating" the resource changes the live value
      changes = single(step, op === "create" ? "update" : op, settingSide(name, zone, before), settingSide(name, zone, after));
      break;
    case pulumiTypes.ruleset:
      changes = expanded(op, ruleResources(zone, before), ruleResources(zone, after), { zone });
      break;
    case pulumiTypes.tunnelConfig: {
      const tunnel = name.slice("tunnels/".length);
      changes = expanded(op, serviceResources(tunnel, before, context), serviceResources(tunnel, after, context), { tunnel });
      break;
    }
    default:
      return [];
  }
  return changes.map((change) => withSource(change, context));
}
