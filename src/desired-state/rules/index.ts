// Phase 2 rules that are not tied to one kind: file names, each zone once.
import type { FilePlacement, StateRule, ZoneRule } from "../../kinds/kind.ts";
import { kinds } from "../../kinds/registry.ts";
import { ownFileNameRule, zoneFileNameRule, zoneOnceRule } from "./file-names.ts";

const ownFiles = kinds.flatMap((kind) => (kind.placement.scope === "file" ? [ownFileNameRule(kind.placement as FilePlacement)] : []));

export const fileZoneRules: ZoneRule[] = [zoneFileNameRule];
export const fileStateRules: StateRule[] = [zoneOnceRule, ...ownFiles];
