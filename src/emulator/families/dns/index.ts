// DNS records: list, get, create, overwrite, edit, delete and the batch endpoint.
import type { EmulatorFamily } from "../family.ts";
import { addDnsRecordRoutes } from "./routes.ts";
import { dnsSlice } from "./slice.ts";

export const dnsFamily: EmulatorFamily = {
  name: "dns",
  routes: addDnsRecordRoutes,
  slices: [dnsSlice],
  audit: {
    dns_record: { product: "dns_records", type: "dns_record", scope: "zones", noun: "DNS record", v1Type: "DNS_record", v1Actions: { create: "rec_add", update: "rec_set", delete: "rec_del" } },
  },
  sdkTypes: { "POST /zones/{zone_id}/dns_records/batch": "RecordBatchResponse (cloudflare/resources/dns/records.d.ts)" },
  exercise: () => import("./exercise.ts"),
};
