// The native engine's configuration-rule adapter: the http_config_settings entrypoint, read once and PUT once per zone.
import { rulesetPhaseNative } from "../shared/ruleset-phase/native.ts";
import { configPhase } from "./normalise.ts";

export const native = rulesetPhaseNative(configPhase);
