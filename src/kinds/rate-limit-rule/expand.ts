// Rate-limiting rules -> one resource per rule, in order; `rate_limits:` (even empty) claims the phase.
import type { DesiredState } from "../../desired-state/types.ts";
import type { ExpandOutput } from "../kind.ts";
import { expandPhase } from "../shared/ruleset-phase/expand.ts";
import { rateLimitPhase } from "./normalise.ts";

export function expandRateLimits(state: DesiredState, out: ExpandOutput): void {
  expandPhase(rateLimitPhase, state, out);
}
