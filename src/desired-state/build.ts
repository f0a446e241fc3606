// Plain YAML values (already checked by phase 1) -> the typed model, registering where each
// object was written. Items that failed phase 1 are left out so phase 2 only sees sound objects.
import { toApiValue } from "../kinds/zone-settings/settings.ts";
import { canonicalHost, toFqdn } from "../kinds/dns-record/identity.ts";
import type { ParsedYaml } from "./parse-yaml.ts";
import { pathLocation, type SourceMap } from "./source-map.ts";
import type {
  DnsIgnorePattern, DnsRecordData, DnsRecordSpec, DnsRecordType, FirewallAction, FirewallRuleSpec, SourceLocation, TunnelServiceSpec, ZoneSettingsSpec, ZoneSpec,
} from "./types.ts";

type Raw = Record<string, unknown>;

function isObject(value: unknown): value is Raw {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function buildRecord(raw: Raw, zone: string, source: SourceLocation): DnsRecordSpec {
  const name = String(raw.name);
  const record: DnsRecordSpec = {
    name,
    fqdn: toFqdn(name, zone),
    type: raw.type as DnsRecordType,
    proxied: raw.proxied === true,
    ttl: raw.ttl === undefined || raw.ttl === "auto" ? 1 : Number(raw.ttl),
    tags: list(raw.tags).map(String),
    source,
  };
  if (typeof raw.content === "string") record.content = raw.content;
  if (isObject(raw.data)) record.data = raw.data as DnsRecordData;
  if (typeof raw.priority === "number") record.priority = raw.priority;
  if (typeof raw.comment === "string") record.comment = raw.comment;
  return record;
}

function buildRule(raw: Raw, source: SourceLocation): FirewallRuleSpec {
  const rule: FirewallRuleSpec = { ref: String(raw.ref), expression: String(raw.expression), action: raw.action as FirewallAction, enabled: raw.enabled !== false, source };
  if (typeof raw.description === "string") rule.description = raw.description;
  if (isObject(raw.action_parameters)) rule.action_parameters = raw.action_parameters;
  return rule;
}

function buildSettings(raw: Raw, parsed: ParsedYaml): ZoneSettingsSpec {
  const values: ZoneSettingsSpec["values"] = {};
  const sources: ZoneSettingsSpec["sources"] = {};
  for (const [name, value] of Object.entries(raw)) {
    values[name] = toApiValue(name, value);
    sources[name] = pathLocation(parsed, ["settings", name]);
  }
  return { values, sources, source: pathLocation(parsed, ["settings"], { atKey: true }) };
}

/** Builds the zone, or undefined when the file has no usable `zone:`. */
export function buildZone(parsed: ParsedYaml, failed: ReadonlySet<string>, map: SourceMap): ZoneSpec | undefined {
  const raw = parsed.value;
  if (!isObject(raw) || typeof raw.zone !== "string" || failed.has("zone")) return undefined;
  const file = parsed.file;
  const zoneName = canonicalHost(raw.zone);
  const zone: ZoneSpec = { zone: zoneName, file, source: pathLocation(parsed, ["zone"]), ignore: [] };
  map.register(zone, file, [], zone.source);
  if (isObject(raw.settings) && !failed.has("settings")) {
    zone.settings = buildSettings(raw.settings, parsed);
    map.register(zone.settings, file, ["settings"], zone.settings.source);
  }
  if (Array.isArray(raw.dns)) {
    const records: DnsRecordSpec[] = [];
    raw.dns.forEach((item, index) => {
      if (!isObject(item) || failed.has(`dns/${index}`)) return;
      const source = pathLocation(parsed, ["dns", index]);
      const record = buildRecord(item, zoneName, source);
      map.register(record, file, ["dns", index], source);
      // dotted relative names are checked against the other zones after this file is detached
      if (record.name.includes(".")) map.registerField(record, "name", pathLocation(parsed, ["dns", index, "name"]));
      records.push(record);
    });
    zone.dns = records;
  }
  zone.ignore = list(raw.ignore).filter(isObject).map((item): DnsIgnorePattern => (item.type ? { name: String(item.name), type: item.type as DnsRecordType } : { name: String(item.name) }));
  if (Array.isArray(raw.firewall)) {
    const rules: FirewallRuleSpec[] = [];
    raw.firewall.forEach((item, index) => {
      if (!isObject(item) || failed.has(`firewall/${index}`)) return;
      const source = pathLocation(parsed, ["firewall", index]);
      const rule = buildRule(item, source);
      map.register(rule, file, ["firewall", index], source);
      rules.push(rule);
    });
    zone.firewall = rules;
  }
  return zone;
}

/** Builds the service, or undefined when phase 1 found it unusable. */
export function buildService(parsed: ParsedYaml, failed: ReadonlySet<string>, map: SourceMap): TunnelServiceSpec | undefined {
  const raw = parsed.value;
  if (!isObject(raw) || failed.size > 0) return undefined;
  const source = pathLocation(parsed, []);
  const service: TunnelServiceSpec = {
    service: String(raw.service),
    hostname: canonicalHost(String(raw.hostname)),
    origin: String(raw.origin),
    tunnel: String(raw.tunnel),
    file: parsed.file,
    source,
  };
  if (typeof raw.path === "string") service.path = raw.path;
  if (isObject(raw.originRequest)) service.originRequest = raw.originRequest;
  map.register(service, parsed.file, [], source);
  return service;
}
