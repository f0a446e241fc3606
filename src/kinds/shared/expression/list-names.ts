// The names of the lists an expression uses ($name), for ordering (a rule depends on its lists);
// an expression that does not parse uses none that matter (validation reports it).
import { listReferences } from "./list-references.ts";
import { parseExpression } from "./index.ts";

export function listNamesIn(expression: string): string[] {
  const parsed = parseExpression(expression);
  return parsed.ok ? [...new Set(listReferences(parsed.ast).map((ref) => ref.name).filter((name) => !name.startsWith("cf.")))] : [];
}
