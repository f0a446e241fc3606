// Phase 2 rules that are not tied to one kind.
import type { StateRule, ZoneRule } from "../../kinds/kind.ts";
import { crossZoneNamesRule } from "./cross-zone-names.ts";
import { serviceFileNameRule, zoneFileNameRule, zoneOnceRule } from "./file-names.ts";

export const fileZoneRules: ZoneRule[] = [zoneFileNameRule];
export const fileStateRules: StateRule[] = [zoneOnceRule, serviceFileNameRule, crossZoneNamesRule];
