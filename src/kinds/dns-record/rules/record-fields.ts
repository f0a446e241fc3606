// Per-record checks: proxied, TTL, content/data/priority applicability.
import type { ZoneRule } from "../../kind.ts";
import { payloadHint, proxiableTypes, recordTypes } from "../record-types.ts";

export const recordFieldsRule: ZoneRule = {
  name: "dns-record-fields",
  check({ zone, locate }, report) {
    for (const record of zone.dns ?? []) {
      const info = recordTypes[record.type];
      if (record.proxied && !info.proxiable) {
        report(
          { code: "dns-proxied-not-proxiable", message: `${record.type} records cannot be proxied`, hint: `only ${proxiableTypes.join(", ")} can be proxied; remove \`proxied\`` },
          locate(record, "proxied"),
        );
      }
      if (record.ttl !== 1 && (record.ttl < 60 || record.ttl > 86400)) {
        report(
          { code: "dns-ttl-out-of-range", message: `ttl ${record.ttl} is out of range`, hint: 'use "auto" or a number of seconds from 60 to 86400' },
          locate(record, "ttl"),
        );
      } else if (record.proxied && record.ttl !== 1) {
        report(
          { code: "dns-ttl-with-proxied", message: "a proxied record always has an automatic TTL", hint: 'remove `ttl` or set it to "auto"' },
          locate(record, "ttl"),
        );
      }
      if (record.type === "TXT" && record.content && record.content.length > 1 && record.content.startsWith('"') && record.content.endsWith('"')) {
        report(
          { code: "dns-txt-quoted", severity: "warning", message: "TXT content is written with its own quotes; they would become part of the text", hint: "write the plain text; cf-gitops quotes and splits it for Cloudflare" },
          locate(record, "content"),
        );
      }
      if (info.payload === "data" && record.content !== undefined) {
        report({ code: "dns-content-not-applicable", message: `${record.type} records do not use \`content\``, hint: payloadHint(record.type) }, locate(record, "content"));
      }
      if (info.payload === "content" && record.data !== undefined) {
        report({ code: "dns-data-not-applicable", message: `${record.type} records do not use \`data\``, hint: payloadHint(record.type) }, locate(record, "data"));
      }
      if (info.priority === "none" && record.priority !== undefined) {
        const hint = info.data?.properties && "priority" in (info.data.properties as object) ? `put it inside \`data\`: ${payloadHint(record.type)}` : "only MX and URI records take `priority`";
        report({ code: "dns-priority-not-applicable", message: `${record.type} records do not take a top-level \`priority\``, hint }, locate(record, "priority"));
      }
    }
  },
};
