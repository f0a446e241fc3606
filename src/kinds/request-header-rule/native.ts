// The native engine's request header adapter: the http_request_late_transform entrypoint, read once and PUT once per zone.
import { rulesetPhaseNative } from "../shared/ruleset-phase/native.ts";
import { requestHeaderPhase } from "./normalise.ts";

export const native = rulesetPhaseNative(requestHeaderPhase);
