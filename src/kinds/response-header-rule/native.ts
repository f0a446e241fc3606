// The native engine's response header adapter: the http_response_headers_transform entrypoint, read once and PUT once per zone.
import { rulesetPhaseNative } from "../shared/ruleset-phase/native.ts";
import { responseHeaderPhase } from "./normalise.ts";

export const native = rulesetPhaseNative(responseHeaderPhase);
