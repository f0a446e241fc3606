// The native engine's compression-rule adapter: the http_response_compression entrypoint, read once and PUT once per zone.
import { rulesetPhaseNative } from "../shared/ruleset-phase/native.ts";
import { compressionPhase } from "./normalise.ts";

export const native = rulesetPhaseNative(compressionPhase);
