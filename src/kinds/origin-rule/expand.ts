// Origin rules -> one resource per rule, in order; `origin_rules:` (even empty) claims the phase.
import type { DesiredState } from "../../desired-state/types.ts";
import type { ExpandOutput } from "../kind.ts";
import { expandPhase } from "../shared/ruleset-phase/expand.ts";
import { originPhase } from "./normalise.ts";

export function expandOriginRules(state: DesiredState, out: ExpandOutput): void {
  expandPhase(originPhase, state, out);
}
