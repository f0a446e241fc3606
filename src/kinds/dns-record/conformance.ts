// The DNS part of the engine conformance suite: records of several types, two MX sharing a name
// and type (their ids carry their content); a TTL changed and an address changed in place; a record
// removed, one MX of two removed (the other becomes alone at its name and type) and one renamed (a
// new name is a delete plus a create); a hand-edited TTL as drift. And names whose records change
// between A and CNAME (issue 27 item 1), which Cloudflare refuses side by side (81053): one A
// becomes a CNAME and back, two A become one CNAME and back.
import type { KindScenario } from "../conformance.ts";

const dnsFields = (...extra: string[]) => `[${["content", "name", "proxied", "tags", "ttl", "type", ...extra].sort().join(",")}]`;

interface Records {
  address: string;
  mxTtl: number;
  withTxt: boolean;
  withMx2: boolean;
  wwwName: string;
  reversed?: boolean;
  /** "A": flip is one A record and multi two; "CNAME": each is one CNAME. */
  flip: "A" | "CNAME";
}

const flips = {
  A: [
    `  - { name: flip, type: A, content: 192.0.2.50 }`,
    `  - { name: multi, type: A, content: 192.0.2.51 }`,
    `  - { name: multi, type: A, content: 192.0.2.52 }`,
  ],
  CNAME: [`  - { name: flip, type: CNAME, content: example.com }`, `  - { name: multi, type: CNAME, content: example.com }`],
};
const aRecords = ["example.com/dns/flip/A", "example.com/dns/multi/A/192.0.2.51", "example.com/dns/multi/A/192.0.2.52"];
const cnames = ["example.com/dns/flip/CNAME", "example.com/dns/multi/CNAME"];

function records(options: Records): string[] {
  const list = [
    `  - { name: "@", type: A, content: ${options.address}, proxied: true, comment: web front }`,
    `  - { name: ${options.wwwName}, type: CNAME, content: example.com, proxied: true }`,
    `  - { name: v6, type: AAAA, content: "2001:db8::1", ttl: 300 }`,
    `  - { name: "@", type: MX, content: mx1.example.net, priority: 10, ttl: ${options.mxTtl} }`,
    ...(options.withMx2 ? [`  - { name: "@", type: MX, content: mx2.example.net, priority: 20, ttl: 300 }`] : []),
    ...(options.withTxt ? [`  - { name: "@", type: TXT, content: "v=spf1 -all" }`] : []),
    ...flips[options.flip],
  ];
  return ["dns:", ...(options.reversed ? list.reverse() : list)];
}

const initial: Records = { address: "203.0.113.10", mxTtl: 300, withTxt: true, withMx2: true, wwwName: "www", flip: "A" };

export const scenario: KindScenario = {
  create: {
    zone: records(initial),
    expect: [
      `create dns-record example.com/dns/@/A ${dnsFields("comment")}`,
      `create dns-record example.com/dns/www/CNAME ${dnsFields()}`,
      `create dns-record example.com/dns/v6/AAAA ${dnsFields()}`,
      `create dns-record example.com/dns/@/MX/mx1.example.net ${dnsFields("priority")}`,
      `create dns-record example.com/dns/@/MX/mx2.example.net ${dnsFields("priority")}`,
      `create dns-record example.com/dns/@/TXT ${dnsFields()}`,
      ...aRecords.map((id) => `create dns-record ${id} ${dnsFields()}`),
    ],
  },
  update: {
    // the same records in another order change nothing; a new address is an update in place; A -> CNAME
    zone: records({ ...initial, address: "203.0.113.11", mxTtl: 3600, reversed: true, flip: "CNAME" }),
    expect: [
      "update dns-record example.com/dns/@/MX/mx1.example.net [ttl]",
      "update dns-record example.com/dns/@/A [content]",
      ...aRecords.map((id) => `delete dns-record ${id} ${dnsFields()}`),
      ...cnames.map((id) => `create dns-record ${id} ${dnsFields()}`),
    ],
  },
  remove: {
    // and CNAME -> A
    zone: records({ ...initial, address: "203.0.113.11", mxTtl: 3600, withTxt: false, withMx2: false, wwwName: "web", flip: "A" }),
    expect: [
      `delete dns-record example.com/dns/@/TXT ${dnsFields()}`,
      `delete dns-record example.com/dns/@/MX/mx2.example.net ${dnsFields("priority")}`,
      `create dns-record example.com/dns/web/CNAME ${dnsFields()}`,
      `delete dns-record example.com/dns/www/CNAME ${dnsFields()}`,
      ...cnames.map((id) => `delete dns-record ${id} ${dnsFields()}`),
      ...aRecords.map((id) => `create dns-record ${id} ${dnsFields()}`),
    ],
  },
  drift: {
    async edit(api) {
      const [v6] = await api.request<{ id: string }[]>("GET", `/zones/${api.zoneId}/dns_records?type=AAAA`);
      await api.request("PATCH", `/zones/${api.zoneId}/dns_records/${v6!.id}`, { ttl: 600 });
    },
    expect: ["update dns-record example.com/dns/v6/AAAA [ttl]"],
    check(changes) {
      const v6 = changes.find((change) => change.id.includes("/v6/"));
      if ((v6?.before as { ttl?: number } | undefined)?.ttl !== 600 || (v6?.after as { ttl?: number } | undefined)?.ttl !== 300) {
        throw new Error(`drift of v6 should read ttl 600 (live) -> 300 (git): ${JSON.stringify(v6)}`);
      }
    },
  },
};
