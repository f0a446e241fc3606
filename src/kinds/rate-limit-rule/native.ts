// The native engine's rate-limit adapter: the http_ratelimit entrypoint, read once and PUT once per zone.
import { rulesetPhaseNative } from "../shared/ruleset-phase/native.ts";
import { rateLimitPhase } from "./normalise.ts";

export const native = rulesetPhaseNative(rateLimitPhase);
