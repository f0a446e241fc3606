// Cache rules -> one resource per rule, in order; `cache_rules:` (even empty) claims the phase.
import type { DesiredState } from "../../desired-state/types.ts";
import type { ExpandOutput } from "../kind.ts";
import { expandPhase } from "../shared/ruleset-phase/expand.ts";
import { cachePhase } from "./normalise.ts";

export function expandCacheRules(state: DesiredState, out: ExpandOutput): void {
  expandPhase(cachePhase, state, out);
}
