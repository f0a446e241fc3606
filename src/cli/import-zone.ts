// Live zone -> zone file text: each zone-file kind writes its keys (settings, DNS records ordered
// by name then type with TXT as plain text, the firewall rules in order), comments of the file it
// replaces are kept.
import { Document, isSeq } from "yaml";
import type { ImportedSection } from "../kinds/kind.ts";
import { kindsInApplyOrder } from "../kinds/registry.ts";
import type { Resource } from "../plan/resources.ts";
import { applyComments, collectComments, type ItemKey } from "./import-comments.ts";

export interface ImportedZone {
  text: string;
  /** For the one-line report: "19 DNS record(s), 2 firewall rule(s)". */
  summary: string;
  /** The live resources written into the file (for their Pulumi import ids). */
  written: Resource[];
}

/**
 * `live`: the zone's resources as the native adapters read them (with `use`, only those the profiles
 * do not give); `previous`: the file being replaced; `schemaPath`: where the file's `$schema` comment
 * points (import-schema-path.ts); `use`: the profiles the file names.
 */
export function zoneFileFromLive(zone: string, live: readonly Resource[], previous?: string, today = new Date(), schemaPath = "../../schemas/zone.schema.json", use: readonly string[] = []): ImportedZone {
  const sections: ImportedSection[] = [];
  for (const kind of kindsInApplyOrder) {
    if (kind.placement.scope !== "zone" || !kind.placement.toYaml) continue;
    sections.push(kind.placement.toYaml(live.filter((resource) => resource.kind === kind.id), zone));
  }
  const doc: Record<string, unknown> = use.length > 0 ? { zone, use: [...use] } : { zone };
  for (const section of sections) Object.assign(doc, section.keys);
  const owned = Object.entries(doc).filter(([, value]) => Array.isArray(value)).map(([key]) => key);
  const header = [
    `# yaml-language-server: $schema=${schemaPath}`,
    `# Imported from Cloudflare by \`cf-gitops import --zone ${zone}\` on ${today.toISOString().slice(0, 10)}.`,
    ...(owned.length > 0 ? [`# This file now owns what it lists under these keys (what is removed there is deleted): ${owned.join(", ")}.`] : []),
    ...(use.length > 0 ? [`# It uses the profiles ${use.join(", ")} (desired-state/profiles/): what they give the zone is not repeated here.`] : []),
    ...sections.flatMap((section) => (section.notes ?? []).map((note) => `# ${note}`)),
  ];
  const itemKey: ItemKey = (key, item) => sections.map((section) => section.itemKey?.(key, item)).find((found) => found !== undefined);
  const document = new Document(doc);
  const useNode = document.get("use", true);
  if (isSeq(useNode)) useNode.flow = true;
  if (previous !== undefined) applyComments(document, itemKey, collectComments(previous, itemKey));
  return {
    text: `${header.join("\n")}\n${document.toString({ lineWidth: 0, indent: 2 })}`,
    summary: sections.flatMap((section) => section.summary).join(", "),
    written: sections.flatMap((section) => section.written),
  };
}
