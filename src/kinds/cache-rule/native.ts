// The native engine's cache-rule adapter: the http_request_cache_settings entrypoint, read once and PUT once per zone.
import { rulesetPhaseNative } from "../shared/ruleset-phase/native.ts";
import { cachePhase } from "./normalise.ts";

export const native = rulesetPhaseNative(cachePhase);
