// The native engine's URL rewrite adapter: the http_request_transform entrypoint, read once and PUT once per zone.
import { rulesetPhaseNative } from "../shared/ruleset-phase/native.ts";
import { urlRewritePhase } from "./normalise.ts";

export const native = rulesetPhaseNative(urlRewritePhase);
