// The native engine's origin-rule adapter: the http_request_origin entrypoint, read once and PUT once per zone.
import { rulesetPhaseNative } from "../shared/ruleset-phase/native.ts";
import { originPhase } from "./normalise.ts";

export const native = rulesetPhaseNative(originPhase);
