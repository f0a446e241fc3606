import type { KindDefinition } from "../kind.ts";
import { addressesRule } from "./rules/addresses.ts";
import { ignoredRule } from "./rules/ignored.ts";
import { namesRule } from "./rules/names.ts";
import { recordFieldsRule } from "./rules/record-fields.ts";
import { uniquenessRule } from "./rules/uniqueness.ts";
import { dnsRecordSchema } from "./schema.ts";

export const dnsRecordKind: KindDefinition = {
  id: "dns-record",
  title: "DNS record",
  schema: dnsRecordSchema,
  zoneRules: [recordFieldsRule, addressesRule, namesRule, uniquenessRule, ignoredRule],
  stateRules: [],
};
