// Semantic rules every ruleset-phase kind has: each ref once, and expressions that parse with the
// fields and functions Cloudflare allows in the phase, whose $lists are declared and of a kind that
// fits their use. Reported at the expression's own column (the reference's, for a list).
import type { Locate, Report, ZoneRule, ZoneRuleInput } from "../../kind.ts";
import { listReferences, parseExpression, parseValueExpression, type Expr, type ExpressionContext, type StringLiteral, type ValueExpr } from "../expression/index.ts";
import { listUseFinding } from "../list-use.ts";
import type { RulesetPhase } from "./phase.ts";

interface Rule {
  ref: string;
  expression: string;
  source: { line: number };
}

export function uniqueRefRule<Spec extends Rule>(phase: Pick<RulesetPhase<never, Spec>, "code" | "rulesOf">): ZoneRule {
  return {
    name: `${phase.code}-unique-ref`,
    check({ zone, locate }, report) {
      const seen = new Map<string, Spec>();
      for (const rule of phase.rulesOf(zone) ?? []) {
        const first = seen.get(rule.ref);
        if (!first) seen.set(rule.ref, rule);
        else report({ code: `${phase.code}-duplicate-ref`, message: `duplicate ${phase.code} ref "${rule.ref}"`, hint: `"${rule.ref}" is already used at line ${first.source.line}; every rule needs its own ref` }, locate(rule, "ref"));
      }
    },
  };
}

export interface ExpressionField {
  /** The spec object the text belongs to and the path of the field in it. */
  target: object;
  field: string | string[];
  text: string;
  context: ExpressionContext;
  /** "filter" expressions give a Boolean; "value" ones a String (a redirect's target URL). */
  shape?: "filter" | "value";
}

/** Parses one expression field; reports a syntax problem or each misused $list; returns its tree. */
export function checkExpressionField(code: string, field: ExpressionField & { shape: "value" }, input: Pick<ZoneRuleInput, "state"> & { locate: Locate }, report: Report): ValueExpr | StringLiteral | undefined;
export function checkExpressionField(code: string, field: ExpressionField, input: Pick<ZoneRuleInput, "state"> & { locate: Locate }, report: Report): Expr | undefined;
export function checkExpressionField(code: string, { target, field, text, context, shape = "filter" }: ExpressionField, input: Pick<ZoneRuleInput, "state"> & { locate: Locate }, report: Report): Expr | ValueExpr | StringLiteral | undefined {
  const result = shape === "filter" ? parseExpression(text, context) : parseValueExpression(text, context);
  if (!result.ok) {
    const { column, message, hint, offset } = result.error;
    const name = Array.isArray(field) ? field.join(".") : field;
    report({ code: `${code}-expression-syntax`, message: `${name}: ${message} (column ${column} of the expression)`, ...(hint ? { hint } : {}) }, input.locate(target, field, offset));
    return undefined;
  }
  if (shape !== "filter") return result.ast as ValueExpr | StringLiteral;
  const ast = result.ast as Expr;
  for (const ref of listReferences(ast)) {
    const finding = listUseFinding(ref, input.state.lists ?? []);
    if (finding) report(finding, input.locate(target, field, ref.offset));
  }
  return ast;
}

export function expressionRule<Spec extends Rule>(phase: Pick<RulesetPhase<never, Spec>, "code" | "rulesOf" | "phase">): ZoneRule {
  return {
    name: `${phase.code}-expression`,
    check(input, report) {
      for (const rule of phase.rulesOf(input.zone) ?? []) {
        checkExpressionField(phase.code, { target: rule, field: "expression", text: rule.expression, context: { phase: phase.phase, use: "filter" } }, input, report);
      }
    },
  };
}
