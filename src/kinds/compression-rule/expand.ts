// Compression rules -> one resource per rule, in order; `compression_rules:` (even empty) claims the phase.
import type { DesiredState } from "../../desired-state/types.ts";
import type { ExpandOutput } from "../kind.ts";
import { expandPhase } from "../shared/ruleset-phase/expand.ts";
import { compressionPhase } from "./normalise.ts";

export function expandCompressionRules(state: DesiredState, out: ExpandOutput): void {
  expandPhase(compressionPhase, state, out);
}
