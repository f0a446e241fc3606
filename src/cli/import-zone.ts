// Live zone -> zone file text: settings (the curated ones), DNS records ordered by name then
// type, record comments kept, TXT as plain text, and the custom firewall rules in order.
import { Document } from "yaml";
import { applyComments, collectComments } from "./import-comments.ts";
import { toRelative } from "../kinds/dns-record/identity.ts";
import { dnsValueFromLive, isReadOnlyLive } from "../kinds/dns-record/normalise.ts";
import { firewallValueFromLive } from "../kinds/firewall-rule/normalise.ts";
import { zoneSettings } from "../kinds/zone-settings/settings.ts";
import type { LiveZone } from "../engines/native/read-live.ts";

/** Transient settings that would make every later plan fight the dashboard. */
const skippedSettings = new Set(["development_mode"]);

function importedSettings(zone: LiveZone): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const entry of zone.settings ?? []) {
    const id = String(entry.id);
    const info = zoneSettings[id];
    if (!info || skippedSettings.has(id) || entry.editable === false) continue;
    const value = entry.value;
    if (typeof value !== "string" && typeof value !== "number") continue;
    if (info.kind === "toggle" ? value !== "on" && value !== "off" : !(info.values ?? []).includes(value)) continue;
    out[id] = value;
  }
  return out;
}

function importedRecord(zone: string, raw: Record<string, unknown>): Record<string, unknown> {
  const value = dnsValueFromLive(raw);
  const record: Record<string, unknown> = { name: toRelative(value.name, zone), type: value.type };
  if (value.data) record.data = value.data;
  else record.content = value.content ?? "";
  if (value.priority !== undefined) record.priority = value.priority;
  if (value.proxied) record.proxied = true;
  if (value.ttl !== 1) record.ttl = value.ttl;
  if (value.comment) record.comment = value.comment;
  if (value.tags.length > 0) record.tags = value.tags;
  return record;
}

function byNameThenType(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const name = (x: Record<string, unknown>) => (x.name === "@" ? "" : String(x.name));
  return (
    name(a).localeCompare(name(b)) ||
    String(a.type).localeCompare(String(b.type)) ||
    JSON.stringify(a.content ?? a.data).localeCompare(JSON.stringify(b.content ?? b.data))
  );
}

export interface ImportedZone {
  text: string;
  records: number;
  skippedReadOnly: number;
  rules: number;
  /** The settings written into the file. */
  settings: string[];
  /** The records written, as read (for their Pulumi import ids). */
  writtenRecords: Record<string, unknown>[];
}

/** `previous`: the zone file being replaced, whose comments are carried over. */
export function zoneFileFromLive(zone: LiveZone, previous?: string): ImportedZone {
  const writable = (zone.records ?? []).filter((record) => !isReadOnlyLive(record));
  const records = writable.map((record) => importedRecord(zone.name, record)).sort(byNameThenType);
  const rules = (zone.firewall?.rules ?? []).map((rule) => {
    const value = firewallValueFromLive(rule);
    const out: Record<string, unknown> = { ref: value.ref };
    if (value.description) out.description = value.description;
    out.expression = value.expression;
    out.action = value.action;
    if (value.action_parameters) out.action_parameters = value.action_parameters;
    if (!value.enabled) out.enabled = false;
    return out;
  });
  const doc: Record<string, unknown> = { zone: zone.name };
  const settings = importedSettings(zone);
  if (Object.keys(settings).length > 0) doc.settings = settings;
  doc.dns = records;
  doc.firewall = rules;
  const header = [
    "# yaml-language-server: $schema=../../schemas/zone.schema.json",
    `# Imported from Cloudflare by \`cf-gitops import --zone ${zone.name}\` on ${new Date().toISOString().slice(0, 10)}.`,
    "# This file now owns the zone's DNS records and custom firewall rules: what is removed here is deleted.",
  ];
  const skipped = (zone.records ?? []).length - writable.length;
  if (skipped > 0) header.push(`# ${skipped} read-only record(s) managed by Cloudflare were left out.`);
  const document = new Document(doc);
  if (previous !== undefined) applyComments(document, zone.name, collectComments(previous, zone.name));
  const body = document.toString({ lineWidth: 0, indent: 2 });
  return {
    text: `${header.join("\n")}\n${body}`,
    records: records.length,
    skippedReadOnly: skipped,
    rules: rules.length,
    settings: Object.keys(settings),
    writtenRecords: writable,
  };
}
