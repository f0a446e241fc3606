// The native engine's firewall adapter: the custom phase's entrypoint, read once and PUT once per zone.
import { rulesetPhaseNative } from "../shared/ruleset-phase/native.ts";
import { firewallPhase } from "./normalise.ts";

export const native = rulesetPhaseNative(firewallPhase);
