// Firewall rules -> one resource per rule, in order; `firewall:` (even empty) claims the phase.
import type { DesiredState } from "../../desired-state/types.ts";
import type { ExpandOutput } from "../kind.ts";
import { expandPhase } from "../shared/ruleset-phase/expand.ts";
import { firewallPhase } from "./normalise.ts";

export function expandFirewall(state: DesiredState, out: ExpandOutput): void {
  expandPhase(firewallPhase, state, out);
}
