// The DNS part of the engine conformance suite: records of several types; a TTL change; a record
// removed and one renamed (a new name is a delete plus a create); a hand-edited TTL as drift.
import type { KindScenario } from "../conformance.ts";

const dnsFields = (...extra: string[]) => `[${["content", "name", "proxied", "tags", "ttl", "type", ...extra].sort().join(",")}]`;

function records(options: { mxTtl: number; withTxt: boolean; wwwName: string; reversed?: boolean }): string[] {
  const list = [
    `  - { name: "@", type: A, content: 203.0.113.10, proxied: true, comment: web front }`,
    `  - { name: ${options.wwwName}, type: CNAME, content: example.com, proxied: true }`,
    `  - { name: v6, type: AAAA, content: "2001:db8::1", ttl: 300 }`,
    `  - { name: "@", type: MX, content: mx1.example.net, priority: 10, ttl: ${options.mxTtl} }`,
    ...(options.withTxt ? [`  - { name: "@", type: TXT, content: "v=spf1 -all" }`] : []),
  ];
  return ["dns:", ...(options.reversed ? list.reverse() : list)];
}

export const scenario: KindScenario = {
  create: {
    zone: records({ mxTtl: 300, withTxt: true, wwwName: "www" }),
    expect: [
      `create dns-record example.com/dns/@/A/203.0.113.10 ${dnsFields("comment")}`,
      `create dns-record example.com/dns/www/CNAME/example.com ${dnsFields()}`,
      `create dns-record example.com/dns/v6/AAAA/2001:db8::1 ${dnsFields()}`,
      `create dns-record example.com/dns/@/MX/mx1.example.net ${dnsFields("priority")}`,
      `create dns-record example.com/dns/@/TXT/v=spf1 -all ${dnsFields()}`,
    ],
  },
  update: {
    // the same records in another order change nothing; only the MX TTL is an update
    zone: records({ mxTtl: 3600, withTxt: true, wwwName: "www", reversed: true }),
    expect: ["update dns-record example.com/dns/@/MX/mx1.example.net [ttl]"],
  },
  remove: {
    zone: records({ mxTtl: 3600, withTxt: false, wwwName: "web" }),
    expect: [
      `delete dns-record example.com/dns/@/TXT/v=spf1 -all ${dnsFields()}`,
      `create dns-record example.com/dns/web/CNAME/example.com ${dnsFields()}`,
      `delete dns-record example.com/dns/www/CNAME/example.com ${dnsFields()}`,
    ],
  },
  drift: {
    async edit(api) {
      const [v6] = await api.request<{ id: string }[]>("GET", `/zones/${api.zoneId}/dns_records?type=AAAA`);
      await api.request("PATCH", `/zones/${api.zoneId}/dns_records/${v6!.id}`, { ttl: 600 });
    },
    expect: ["update dns-record example.com/dns/v6/AAAA/2001:db8::1 [ttl]"],
    check(changes) {
      const v6 = changes.find((change) => change.id.includes("/v6/"));
      if ((v6?.before as { ttl?: number } | undefined)?.ttl !== 600 || (v6?.after as { ttl?: number } | undefined)?.ttl !== 300) {
        throw new Error(`drift of v6 should read ttl 600 (live) -> 300 (git): ${JSON.stringify(v6)}`);
      }
    },
  },
};
