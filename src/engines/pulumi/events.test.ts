import { DiffKind, type EngineEvent, type OpType, type StepEventMetadata } from "@pulumi/pulumi/automation/index.js";
import { describe, expect, it } from "vitest";
import { dnsResource } from "../../kinds/dns-record/expand.ts";
import { serviceResource } from "../../kinds/tunnel-service/expand.ts";
import { assignIds } from "../../plan/resources.ts";
import { createEventTranslator } from "./events.ts";
import { pulumiAdapters } from "./adapters.ts";
import { encodeLogicalName } from "./names.ts";
import { translateContext } from "./translate.ts";
import { token } from "../../../test/native-support.ts";

const adapters = await pulumiAdapters();
const pulumiTypes = Object.fromEntries(adapters.map((adapter) => [adapter.kind, adapter.type]));
const desiredCname = dnsResource("example.com", { name: "www.example.com", type: "CNAME", content: "example.com", proxied: true, ttl: 1, tags: [] }, { file: "desired-state/zones/example.com.yaml", line: 12, column: 5 });
const desiredGrafana = serviceResource("t", "services/grafana", { hostname: "grafana.example.com", service: "http://localhost:3100", tunnel: "home-pi" });
const desired = [desiredCname, desiredGrafana];
assignIds(desired);
const context = translateContext(desired, adapters);
const types = { dnsRecord: pulumiTypes["dns-record"]!, zoneSetting: pulumiTypes["zone-settings"]!, ruleset: pulumiTypes["firewall-rule"]!, tunnelConfig: pulumiTypes["tunnel-service"]! };

let sequence = 0;

function urn(type: string, id: string): string {
  return `urn:pulumi:default::cf-gitops::${type}::${encodeLogicalName(id)}`;
}

function state(type: string, id: string, inputs: Record<string, unknown>, outputs: Record<string, unknown> = inputs) {
  return { type, urn: urn(type, id), id: "cloud-id", parent: "", inputs, outputs, provider: "" };
}

function step(op: OpType, type: string, id: string, sides: { old?: Record<string, unknown>; new?: Record<string, unknown> }, extra: Partial<StepEventMetadata> = {}): StepEventMetadata {
  const meta: StepEventMetadata = { op, urn: urn(type, id), type, provider: "", ...extra };
  if (sides.old) meta.old = state(type, id, sides.old);
  if (sides.new) meta.new = state(type, id, sides.new);
  return meta;
}

function pre(metadata: StepEventMetadata): EngineEvent {
  return { sequence: sequence++, timestamp: 0, resourcePreEvent: { metadata, planning: true } };
}

function translate(events: EngineEvent[]) {
  const translator = createEventTranslator(context);
  for (const event of events) translator.onEvent(event);
  return translator;
}

const www = { zoneId: "z1", name: "www.example.com", type: "CNAME", content: "example.com", proxied: true, ttl: 1, tags: [] };
const mx = { zoneId: "z1", name: "example.com", type: "MX", content: "mx1.example.net", priority: 10, proxied: false, ttl: 300, tags: [] };
const dns = types.dnsRecord;

describe("engine events -> Plan changes", () => {
  it("create: all fields of the normalised record, with the desired source", () => {
    const [change] = translate([pre(step("create", dns, "example.com/dns/www/CNAME", { new: www }))]).changes();
    expect(change).toMatchObject({ kind: "dns-record", id: "example.com/dns/www/CNAME", zone: "example.com", op: "create" });
    expect(change!.fields.sort()).toEqual(["content", "name", "proxied", "tags", "ttl", "type"]);
    expect(change!.after).toMatchObject({ name: "www.example.com", content: "example.com", proxied: true });
    expect(change!.source).toEqual({ file: "desired-state/zones/example.com.yaml", line: 12, column: 5 });
  });

  it("update with detailedDiff: only the fields that differ", () => {
    const id = "example.com/dns/@/MX";
    const event = step("update", dns, id, { old: mx, new: { ...mx, ttl: 3600, comment: "primary" } }, {
      diffs: ["ttl", "comment"],
      detailedDiff: { ttl: { diffKind: DiffKind.update, inputDiff: true }, comment: { diffKind: DiffKind.add, inputDiff: true } },
    });
    const [change] = translate([pre(event)]).changes();
    expect(change).toMatchObject({ id, op: "update", fields: ["ttl", "comment"] });
    expect(change!.before).toMatchObject({ ttl: 300 });
    expect(change!.after).toMatchObject({ ttl: 3600, comment: "primary" });
  });

  it("delete: the id comes from the URN's state, fields are the old record's", () => {
    const [change] = translate([pre(step("delete", dns, "example.com/dns/@/MX", { old: mx }))]).changes();
    expect(change).toMatchObject({ kind: "dns-record", id: "example.com/dns/@/MX", op: "delete" });
    expect(change!.before).toMatchObject({ priority: 10 });
  });

  it("replace: fields fall back to the provider's diff when our model sees none (zone moved)", () => {
    const id = "example.com/dns/www/CNAME";
    const event = step("replace", dns, id, { old: www, new: { ...www, zoneId: "z2" } }, {
      detailedDiff: { zoneId: { diffKind: DiffKind.updateReplace, inputDiff: true } },
    });
    const events = [pre(step("create-replacement", dns, id, { old: www, new: { ...www, zoneId: "z2" } })), pre(event), pre(step("delete-replaced", dns, id, { old: www }))];
    expect(translate(events).changes()).toEqual([expect.objectContaining({ id, op: "replace", fields: ["zone_id"] })]);
  });

  it("import: shown as import, same, read and provider steps are not changes", () => {
    const events = [
      pre(step("import", dns, "example.com/dns/www/CNAME", { new: www })),
      pre(step("same", dns, "example.com/dns/@/MX", { old: mx, new: mx })),
      pre(step("create", "pulumi:providers:cloudflare", "cloudflare", { new: { apiToken: token } })),
    ];
    expect(translate(events).changes().map((c) => `${c.op} ${c.id}`)).toEqual(["import example.com/dns/www/CNAME"]);
  });

  it("a CNAME's new target is an update in place of content (a record alone at its name and type is named without it)", () => {
    const event = step("update", dns, "example.com/dns/www/CNAME", { old: www, new: { ...www, content: "elsewhere.example.net" } }, {
      detailedDiff: { content: { diffKind: DiffKind.update, inputDiff: true } },
    });
    const [change, ...others] = translate([pre(event)]).changes();
    expect(others).toEqual([]);
    expect(change).toMatchObject({ id: "example.com/dns/www/CNAME", op: "update", fields: ["content"], before: { content: "example.com" }, after: { content: "elsewhere.example.net" } });
  });

  it("a hand-edited content (drift) is an update of content, before = live", () => {
    const event = step("update", dns, "example.com/dns/www/CNAME", { old: { ...www, content: "elsewhere.example.net" }, new: www });
    expect(translate([pre(event)]).changes().map((c) => `${c.op} ${c.id} ${c.fields.join(",")} ${String((c.before as { content: string }).content)}`)).toEqual([
      "update example.com/dns/www/CNAME content elsewhere.example.net",
    ]);
  });

  it("records sharing a name and type are named with their content, and stay so", () => {
    const a = (content: string) => ({ zoneId: "z1", name: "rr.example.com", type: "A", content, proxied: false, ttl: 1, tags: [] });
    const events = [pre(step("create", dns, "example.com/dns/rr/A/192.0.2.2", { new: a("192.0.2.2") })), pre(step("delete", dns, "example.com/dns/rr/A/192.0.2.3", { old: a("192.0.2.3") }))];
    expect(translate(events).changes().map((c) => `${c.op} ${c.id}`)).toEqual(["delete example.com/dns/rr/A/192.0.2.3", "create example.com/dns/rr/A/192.0.2.2"]);
  });

  it("zone settings: one change per setting with field value", () => {
    const event = step("update", types.zoneSetting, "example.com/settings/ssl", {
      old: { zoneId: "z1", settingId: "ssl", value: "full" },
      new: { zoneId: "z1", settingId: "ssl", value: "strict" },
    });
    expect(translate([pre(event)]).changes()).toEqual([
      expect.objectContaining({ kind: "zone-settings", id: "example.com/settings/ssl", op: "update", fields: ["value"], before: { value: "full" }, after: { value: "strict" } }),
    ]);
  });

  it("creating a ZoneSetting resource is an update of the live setting (settings always exist)", () => {
    const event = step("create", types.zoneSetting, "example.com/settings/ssl", { new: { zoneId: "z1", settingId: "ssl", value: "strict" } });
    expect(translate([pre(event)]).changes()).toEqual([
      expect.objectContaining({ kind: "zone-settings", id: "example.com/settings/ssl", op: "update", fields: ["value"], after: { value: "strict" } }),
    ]);
  });

  it("a Ruleset update becomes per-ref firewall-rule changes, a moved rule an update of position (shared LCS rule)", () => {
    const rule = (ref: string, expression: string, action = "block") => ({ ref, expression, action, enabled: true, id: `id-${ref}`, version: "1" });
    const old = { zoneId: "z1", rules: [rule("a", "(ip.src eq 192.0.2.1)"), rule("b", '(http.host eq "x")'), rule("c", "(cf.bot_management.score lt 10)")] };
    const next = { zoneId: "z1", rules: [rule("c", "(cf.bot_management.score lt 10)"), rule("a", "(ip.src eq 192.0.2.2)"), rule("d", "(ssl)", "log")] };
    const changes = translate([pre(step("update", types.ruleset, "example.com/firewall", { old, new: next }))]).changes();
    expect(changes.map((c) => `${c.op} ${c.id} ${[...c.fields].sort().join(",")}`)).toEqual([
      "update example.com/firewall/a expression",
      "delete example.com/firewall/b action,enabled,expression,ref",
      "update example.com/firewall/c position",
      "create example.com/firewall/d action,enabled,expression,ref",
    ]);
  });

  it("a tunnel config update becomes per-service changes, named by the desired state, else by hostname + path (as native)", () => {
    const ingress = (hostname: string, service: string) => ({ hostname, service });
    const config = (...rules: object[]) => ({ accountId: "a", tunnelId: "t", config: { ingresses: [...rules, { service: "http_status:404" }] } });
    const event = step("update", types.tunnelConfig, "tunnels/home-pi", {
      old: config(ingress("grafana.example.com", "http://localhost:3000"), ingress("old.example.com", "http://localhost:9000")),
      new: config(ingress("grafana.example.com", "http://localhost:3100"), ingress("new.example.com", "ssh://localhost:22")),
    });
    const changes = translate([pre(event)]).changes();
    expect(changes.map((c) => `${c.op} ${c.id} ${c.fields.join(",")}`)).toEqual([
      "delete services/old.example.com hostname,service,tunnel",
      "update services/grafana service",
      "create services/new.example.com hostname,service,tunnel",
    ]);
  });

  it("failure: the failed step's changes carry the error, finished ones are applied, unstarted ones skipped", () => {
    const ok = step("create", dns, "example.com/dns/www/CNAME", { new: www });
    const bad = step("update", types.zoneSetting, "example.com/settings/ssl", {
      old: { zoneId: "z1", settingId: "ssl", value: "full" },
      new: { zoneId: "z1", settingId: "ssl", value: "bogus" },
    });
    const later = step("delete", dns, "example.com/dns/@/MX", { old: mx });
    const translator = translate([
      pre(ok),
      { sequence: 100090, timestamp: 0, resOutputsEvent: { metadata: ok } },
      pre(bad),
      { sequence: 100091, timestamp: 0, diagnosticEvent: { urn: bad.urn, message: "\u001b[31merror: invalid value for ssl (1007)\u001b[0m\n", color: "raw", severity: "error" } },
      { sequence: 100092, timestamp: 0, resOpFailedEvent: { metadata: bad, status: 1, steps: 1 } },
      pre(later),
    ]);
    const outcomes = translator.outcomes(false);
    expect(outcomes).toEqual([
      { id: "example.com/dns/www/CNAME", kind: "dns-record", op: "create", status: "applied" },
      { id: "example.com/settings/ssl", kind: "zone-settings", op: "update", status: "failed", error: "error: invalid value for ssl (1007)" },
      { id: "example.com/dns/@/MX", kind: "dns-record", op: "delete", status: "skipped" },
    ]);
    expect(translator.errors()).toEqual([`${bad.urn}: error: invalid value for ssl (1007)`]);
  });

  it("calls onOutcome as each resource's step finishes, before the update ends", () => {
    const seen: string[] = [];
    const translator = createEventTranslator(context, { onOutcome: (outcome) => seen.push(`${outcome.status} ${outcome.op} ${outcome.id}${outcome.error ? ` (${outcome.error})` : ""}`) });
    const ok = step("create", dns, "example.com/dns/www/CNAME", { new: www });
    const bad = step("update", types.zoneSetting, "example.com/settings/ssl", { old: { zoneId: "z1", settingId: "ssl", value: "full" }, new: { zoneId: "z1", settingId: "ssl", value: "bogus" } });
    translator.onEvent(pre(ok));
    translator.onEvent(pre(bad));
    expect(seen).toEqual([]);
    translator.onEvent({ sequence: 100090, timestamp: 0, resOutputsEvent: { metadata: ok } });
    expect(seen).toEqual(["applied create example.com/dns/www/CNAME"]);
    translator.onEvent({ sequence: 100091, timestamp: 0, diagnosticEvent: { urn: bad.urn, message: "error: invalid value for ssl (1007)\n", color: "raw", severity: "error" } });
    translator.onEvent({ sequence: 100092, timestamp: 0, resOpFailedEvent: { metadata: bad, status: 1, steps: 1 } });
    expect(seen).toEqual(["applied create example.com/dns/www/CNAME", "failed update example.com/settings/ssl (error: invalid value for ssl (1007))"]);
    // a repeated outputs event (refresh, then the step) reports once
    translator.onEvent({ sequence: 100093, timestamp: 0, resOutputsEvent: { metadata: ok } });
    expect(seen).toHaveLength(2);
  });

  it("provider warnings are for the log; Pulumi refusing an import (old and new CLI wording) is kept apart", () => {
    const setting = urn(types.zoneSetting, "example.com/settings/ssl");
    const translator = translate([
      { sequence: 10001, timestamp: 0, diagnosticEvent: { message: "[WARNING] Resource Destruction Considerations: This resource cannot be destroyed from Terraform.\n", color: "raw", severity: "warning" } },
      { sequence: 10002, timestamp: 0, diagnosticEvent: { urn: setting, message: "inputs to import do not match the existing resource: [value]; importing this resource will fail", color: "raw", severity: "warning" } },
      { sequence: 10003, timestamp: 0, diagnosticEvent: { urn: urn(types.ruleset, "example.com/firewall"), message: "previously-imported resources that still specify an ID may not be replaced; please remove the `import` declaration from your program;\nname: \"default\" => \"cf-gitops\"", color: "raw", severity: "warning" } },
      { sequence: 10004, timestamp: 0, diagnosticEvent: { message: "info only\n", color: "raw", severity: "info" } },
    ]);
    expect(translator.warnings()).toEqual([{ message: "[WARNING] Resource Destruction Considerations: This resource cannot be destroyed from Terraform." }]);
    expect(translator.importRefusals().map((refusal) => refusal.urn)).toEqual([setting, urn(types.ruleset, "example.com/firewall")]);
    expect(translator.changes()).toEqual([]);
    expect(translator.errors()).toEqual([]);
  });

  it("deleting a zone setting or a tunnel configuration only leaves the state: a note, not a change", () => {
    const translator = translate([
      pre(step("delete", types.zoneSetting, "example.com/settings/ssl", { old: { zoneId: "z1", settingId: "ssl", value: "full" } })),
      pre(step("delete", types.tunnelConfig, "tunnels/old-pi", { old: { accountId: "a", tunnelId: "t9", config: { ingresses: [{ hostname: "x.example.com", service: "http://localhost:1" }, { service: "http_status:404" }] } } })),
    ]);
    expect(translator.changes()).toEqual([]);
    expect(translator.notes()).toEqual([
      "example.com/settings/ssl is no longer in the zone file: cf-gitops stops managing it and Cloudflare keeps its current value (a zone setting cannot be deleted)",
      "tunnels/old-pi is no longer named in the stack: its configuration stays in Cloudflare as it is (the provider cannot delete one) and cf-gitops stops managing it",
    ]);
    expect([translator.resourceSteps(), translator.stateOnlySteps()]).toEqual([2, 2]);
  });

  it("a step the plan model cannot express is still shown: a generic change with the provider's fields", () => {
    const config = (tunnelId: string) => ({ accountId: "a", tunnelId, config: { ingresses: [{ service: "http_status:404" }] } });
    const id = "tunnels/spare-pi";
    const events = [
      pre(step("create-replacement", types.tunnelConfig, id, { old: config("t-old"), new: config("t-new") })),
      pre(step("replace", types.tunnelConfig, id, { old: config("t-old"), new: config("t-new") }, { detailedDiff: { tunnelId: { diffKind: DiffKind.updateReplace, inputDiff: true } } })),
      pre(step("delete-replaced", types.tunnelConfig, id, { old: config("t-old") })),
    ];
    const translator = translate(events);
    expect(translator.changes()).toEqual([{ kind: "tunnel-service", id, op: "replace", fields: ["tunnel_id"] }]);
    expect(translator.resourceSteps()).toBe(1);
    expect(translator.stateOnlySteps()).toBe(0);
  });

  it("counts the stack and its providers apart from resources (they are in Pulumi's summary, never in the plan)", () => {
    const translator = translate([
      pre({ op: "create", urn: "urn:pulumi:default::cf-gitops::pulumi:pulumi:Stack::cf-gitops-default", type: "pulumi:pulumi:Stack", provider: "" }),
      pre(step("update", "pulumi:providers:cloudflare", "cloudflare", { old: { version: "6.22.0" }, new: { version: "6.22.1" } })),
      pre(step("same", dns, "example.com/dns/@/MX", { old: mx, new: mx })),
    ]);
    expect([translator.bookkeepingSteps(), translator.resourceSteps(), translator.changes().length]).toEqual([2, 0, 0]);
  });

  it("an import followed by an update of the same resource (CLI >= 3.174) keeps both, and is not state-only", () => {
    const id = "example.com/dns/www/CNAME";
    const translator = translate([
      pre(step("import", dns, id, { new: { ...www, content: "old.example.net" } })),
      pre(step("update", dns, id, { old: { ...www, content: "old.example.net" }, new: www }, { detailedDiff: { content: { diffKind: DiffKind.update, inputDiff: true } } })),
    ]);
    expect(translator.changes().map((c) => `${c.op} ${c.id} ${[...c.fields].sort().join(",")}`)).toEqual([`import ${id} content,name,proxied,tags,ttl,type`, `update ${id} content`]);
    expect([translator.resourceSteps(), translator.stateOnlySteps()]).toEqual([1, 0]);
  });

  it("with up --refresh, a resource's refresh is not its step: its outcome waits for the step, and a failure after it is a failure", () => {
    const seen: string[] = [];
    const translator = createEventTranslator(context, { onOutcome: (o) => seen.push(`${o.status} ${o.op} ${o.id}`) });
    const bad = step("update", types.zoneSetting, "example.com/settings/ssl", { old: { zoneId: "z1", settingId: "ssl", value: "full" }, new: { zoneId: "z1", settingId: "ssl", value: "bogus" } });
    const refresh = { ...bad, op: "refresh" as const };
    translator.onEvent(pre(refresh));
    translator.onEvent({ sequence: 1000100, timestamp: 0, resOutputsEvent: { metadata: refresh } });
    translator.onEvent(pre(bad));
    translator.onEvent({ sequence: 1000101, timestamp: 0, resOpFailedEvent: { metadata: bad, status: 1, steps: 1 } });
    expect(seen).toEqual(["failed update example.com/settings/ssl"]);
    expect(translator.outcomes(false)).toEqual([{ id: "example.com/settings/ssl", kind: "zone-settings", op: "update", status: "failed", error: "the operation failed" }]);
  });

  it("an import then an update of one resource report each outcome as its own step finishes", () => {
    const seen: string[] = [];
    const translator = createEventTranslator(context, { onOutcome: (o) => seen.push(`${o.status} ${o.op} ${o.id}`) });
    const id = "example.com/dns/www/CNAME";
    const imported = step("import", dns, id, { new: { ...www, content: "old.example.net" } });
    const updated = step("update", dns, id, { old: { ...www, content: "old.example.net" }, new: www });
    translator.onEvent(pre(imported));
    translator.onEvent({ sequence: 1000102, timestamp: 0, resOutputsEvent: { metadata: imported } });
    translator.onEvent(pre(updated));
    expect(seen).toEqual([`applied import ${id}`]);
    translator.onEvent({ sequence: 1000103, timestamp: 0, resOutputsEvent: { metadata: updated } });
    expect(seen).toEqual([`applied import ${id}`, `applied update ${id}`]);
  });

  it("an event handed over twice (the event log tailed as the CLI stops) counts once", () => {
    const event = pre(step("create", dns, "example.com/dns/www/CNAME", { new: www }));
    const translator = translate([event, event, { ...event }]);
    expect(translator.changes()).toHaveLength(1);
    expect(translator.resourceSteps()).toBe(1);
  });
});


describe("a record whose type changes at its name, under an alias (issue 27 item 1)", () => {
  const a = { zoneId: "z1", name: "www.example.com", type: "A", content: "203.0.113.10", proxied: true, ttl: 1, tags: [] };

  it("an A taken over by a CNAME is the native plan: delete the A, create the CNAME (one step, one outcome URN)", () => {
    const aliased = step("update", dns, "example.com/dns/www/CNAME", { new: www });
    aliased.old = state(dns, "example.com/dns/www/A", a);
    const translator = translate([pre(aliased)]);
    const lines = translator.changes().map((c) => `${c.op} ${c.id} [${[...c.fields].sort().join(",")}]`);
    expect(lines).toEqual(["delete example.com/dns/www/A [content,name,proxied,tags,ttl,type]", "create example.com/dns/www/CNAME [content,name,proxied,tags,ttl,type]"]);
    expect(translator.outcomes(true).map((o) => `${o.status} ${o.op} ${o.id}`)).toEqual(["applied delete example.com/dns/www/A", "applied create example.com/dns/www/CNAME"]);
  });

  it("a replacement of the same kind (deleteBeforeReplace) reads the same way", () => {
    const replaced = step("replace", dns, "example.com/dns/www/CNAME", { new: www });
    replaced.old = state(dns, "example.com/dns/www/A", a);
    expect(translate([pre(replaced)]).changes().map((c) => `${c.op} ${c.id}`)).toEqual(["delete example.com/dns/www/A", "create example.com/dns/www/CNAME"]);
  });

  it("a twin alias (same name and type) stays an update in place", () => {
    const twin = step("update", dns, "example.com/dns/www/A/203.0.113.11", { new: { ...a, content: "203.0.113.11" } });
    twin.old = state(dns, "example.com/dns/www/A", a);
    expect(translate([pre(twin)]).changes().map((c) => `${c.op} ${c.id} [${c.fields.join(",")}]`)).toEqual(["update example.com/dns/www/A/203.0.113.11 [content]"]);
  });
});
