// Semantic rules for configuration rules: unique refs and filters for the phase (shared); the
// settings themselves are checked by the schema (names and values as the API takes them).
import type { ZoneRule } from "../kind.ts";
import { expressionRule as phaseExpressionRule, uniqueRefRule as phaseUniqueRefRule } from "../shared/ruleset-phase/rules.ts";
import { configPhase } from "./normalise.ts";

export const uniqueRefRule: ZoneRule = phaseUniqueRefRule(configPhase);
export const expressionRule: ZoneRule = phaseExpressionRule(configPhase);
