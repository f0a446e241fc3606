// Redirects -> one resource per rule, in order; `redirects:` (even empty) claims the phase.
import type { DesiredState } from "../../desired-state/types.ts";
import type { ExpandOutput } from "../kind.ts";
import { expandPhase } from "../shared/ruleset-phase/expand.ts";
import { redirectPhase } from "./normalise.ts";

export function expandRedirects(state: DesiredState, out: ExpandOutput): void {
  expandPhase(redirectPhase, state, out);
}
