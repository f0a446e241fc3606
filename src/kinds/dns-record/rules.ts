// The DNS record rules, one per file under rules/.
import type { StateRule, ZoneRule } from "../kind.ts";
import { addressesRule } from "./rules/addresses.ts";
import { crossZoneNamesRule } from "./rules/cross-zone-names.ts";
import { ignoredRule } from "./rules/ignored.ts";
import { namesRule } from "./rules/names.ts";
import { recordFieldsRule } from "./rules/record-fields.ts";
import { uniquenessRule } from "./rules/uniqueness.ts";

export const dnsZoneRules: ZoneRule[] = [recordFieldsRule, addressesRule, namesRule, uniquenessRule, ignoredRule];
export const dnsStateRules: StateRule[] = [crossZoneNamesRule];
