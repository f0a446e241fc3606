// Request header rules -> one resource per rule, in order; `request_headers:` (even empty) claims the phase.
import type { DesiredState } from "../../desired-state/types.ts";
import type { ExpandOutput } from "../kind.ts";
import { expandPhase } from "../shared/ruleset-phase/expand.ts";
import { requestHeaderPhase } from "./normalise.ts";

export function expandRequestHeaders(state: DesiredState, out: ExpandOutput): void {
  expandPhase(requestHeaderPhase, state, out);
}
