// PromQL syntax checks with Prometheus's own lezer grammar (the one its web UI uses), so `npm test`
// catches a broken alert expression without promtool. It checks syntax, not types: promtool still
// does that where it is installed.
import { parser } from "@prometheus-io/lezer-promql";
import { parse } from "yaml";

export interface PromqlRule {
  name: string;
  expr: string;
}

/** "rule NAME: syntax error at line L, column C near '…'" for each error node in the expression. */
export function promqlSyntaxErrors(rule: PromqlRule): string[] {
  const errors: string[] = [];
  parser.parse(rule.expr).iterate({
    enter: (node) => {
      if (!node.type.isError) return;
      const before = rule.expr.slice(0, node.from).split("\n");
      const near = rule.expr.slice(node.from, node.from + 20).split("\n")[0] || "(end of expression)";
      errors.push(`rule ${rule.name}: syntax error at line ${before.length}, column ${before.at(-1)!.length + 1} near '${near}'`);
    },
  });
  return [...new Set(errors)]; // an unclosed call and selector end at the same place
}

/** Every alerting and recording rule of a Prometheus rules file, by name. */
export function rulesOf(yamlText: string): PromqlRule[] {
  const document = parse(yamlText) as { groups?: { name: string; rules?: { alert?: string; record?: string; expr?: unknown }[] }[] };
  return (document.groups ?? []).flatMap((group) =>
    (group.rules ?? []).map((rule) => ({ name: rule.alert ?? rule.record ?? `(unnamed in group ${group.name})`, expr: String(rule.expr ?? "") })),
  );
}
