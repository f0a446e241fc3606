// A/AAAA content must be an address of the right family; host targets must not be addresses.
import { isIP, isIPv4, isIPv6 } from "node:net";
import type { ZoneRule } from "../../kind.ts";
import { recordTypes, withArticle } from "../record-types.ts";

export const addressesRule: ZoneRule = {
  name: "dns-addresses",
  check({ zone, locate }, report) {
    for (const record of zone.dns ?? []) {
      const info = recordTypes[record.type];
      const content = record.content;
      if (content !== undefined && info.content === "ipv4" && !isIPv4(content)) {
        const hint = isIPv6(content) ? "this is an IPv6 address; use type AAAA" : "write four decimal numbers 0-255, e.g. 203.0.113.10";
        report({ code: "dns-invalid-ipv4", message: `"${content}" is not a valid IPv4 address`, hint }, locate(record, "content"));
      }
      if (content !== undefined && info.content === "ipv6" && !isIPv6(content)) {
        const hint = isIPv4(content) ? "this is an IPv4 address; use type A" : "write an IPv6 address, e.g. 2001:db8::10";
        report({ code: "dns-invalid-ipv6", message: `"${content}" is not a valid IPv6 address`, hint }, locate(record, "content"));
      }
      const target = info.target === "content" ? content : info.target === "data.target" ? record.data?.target : undefined;
      if (typeof target === "string" && isIP(target.replace(/\.$/, "")) !== 0) {
        const field = info.target === "content" ? "content" : ["data", "target"];
        report(
          { code: "dns-target-is-ip", message: `${withArticle(record.type)} target must be a host name, not the IP address "${target}"`, hint: "point it at a name that has A/AAAA records" },
          locate(record, field),
        );
      }
    }
  },
};
