// URL rewrites -> one resource per rule, in order; `url_rewrites:` (even empty) claims the phase.
import type { DesiredState } from "../../desired-state/types.ts";
import type { ExpandOutput } from "../kind.ts";
import { expandPhase } from "../shared/ruleset-phase/expand.ts";
import { urlRewritePhase } from "./normalise.ts";

export function expandUrlRewrites(state: DesiredState, out: ExpandOutput): void {
  expandPhase(urlRewritePhase, state, out);
}
