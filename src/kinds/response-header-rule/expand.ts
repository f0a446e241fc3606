// Response header rules -> one resource per rule, in order; `response_headers:` (even empty) claims the phase.
import type { DesiredState } from "../../desired-state/types.ts";
import type { ExpandOutput } from "../kind.ts";
import { expandPhase } from "../shared/ruleset-phase/expand.ts";
import { responseHeaderPhase } from "./normalise.ts";

export function expandResponseHeaders(state: DesiredState, out: ExpandOutput): void {
  expandPhase(responseHeaderPhase, state, out);
}
