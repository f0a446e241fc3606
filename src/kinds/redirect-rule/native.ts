// The native engine's redirect adapter: the http_request_dynamic_redirect entrypoint, read once and PUT once per zone.
import { rulesetPhaseNative } from "../shared/ruleset-phase/native.ts";
import { redirectPhase } from "./normalise.ts";

export const native = rulesetPhaseNative(redirectPhase);
