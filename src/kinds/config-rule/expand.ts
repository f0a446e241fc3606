// Configuration rules -> one resource per rule, in order; `config_rules:` (even empty) claims the phase.
import type { DesiredState } from "../../desired-state/types.ts";
import type { ExpandOutput } from "../kind.ts";
import { expandPhase } from "../shared/ruleset-phase/expand.ts";
import { configPhase } from "./normalise.ts";

export function expandConfigRules(state: DesiredState, out: ExpandOutput): void {
  expandPhase(configPhase, state, out);
}
