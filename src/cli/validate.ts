// cf-gitops validate: check the desired-state YAML (schema, then semantic rules) and print every
// problem at once. Exit 0 when there is no error (warnings allowed), 1 otherwise.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { formatDiagnostics, loadDesiredState, loadStack, type DesiredState, type Diagnostic } from "../desired-state/index.ts";
import type { KindDefinition } from "../kinds/kind.ts";
import { kinds } from "../kinds/registry.ts";
import { oneOf, parseFlags } from "./args.ts";
import type { CliIo } from "./io.ts";
import { repositoryRoot } from "./repo-root.ts";

export const help = `Usage: cf-gitops validate [--dir desired-state] [--format text|json|github]

Check the desired-state YAML without talking to Cloudflare: YAML syntax and hostile input,
the JSON Schemas in schemas/ (phase 1), then the semantic rules (phase 2): duplicate records,
a CNAME not alone at its name, proxied on a type that cannot be proxied, TTLs, IP addresses,
record names outside their zone, firewall refs and expressions, and tunnel services (hostname
in a declared zone, used once, no clash with a DNS record, tunnel named in the stack file).
Every problem is reported in one go, with file, line and column.

Flags:
  --dir DIR        the desired-state directory (default: desired-state)
  --stack NAME     check service tunnels against stacks/NAME.yaml (default: the only stack,
                   else "default"; skipped when there is no stacks/ folder)
  --format FORMAT  text (default, for people: the source line with a caret under the column),
                   json (one document: { valid, errors, warnings, diagnostics }), or
                   github (::error workflow commands, shown inline in pull-request diffs)
  -h, --help       show this help

Exit codes: 0 valid (warnings allowed), 1 errors found or bad usage.

Examples:
  npx cf-gitops validate
  npx cf-gitops validate --dir test/fixtures/bad/cname-not-alone --format json
`;

/** How many objects of a kind the desired state declares. */
function objectCount(kind: KindDefinition, state: DesiredState): number {
  const placement = kind.placement;
  if (placement.scope !== "zone") return placement.all(state).length;
  return state.zones.reduce((sum, zone) => sum + (placement.count(zone) ?? 0), 0);
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(argv, { dir: { type: "string" }, format: { type: "string" }, stack: { type: "string" } }, "validate");
  const format = oneOf(values.format as string | undefined, ["text", "json", "github"] as const, "format", "text");
  const root = repositoryRoot(io);
  const dir = (values.dir as string | undefined) ?? "desired-state";
  const diagnostics: Diagnostic[] = [];
  const stackName = values.stack as string | undefined;
  const stacked = stackName !== undefined || existsSync(resolve(root, "stacks")) ? await loadStack(root, stackName) : { diagnostics: [] };
  // without --stack, having no stack (or several and no default) only skips the tunnel check
  const unchosen = stackName === undefined ? new Set(["stack-missing", "stack-ambiguous"]) : new Set<string>();
  diagnostics.push(...stacked.diagnostics.filter((d) => !unchosen.has(d.code)));
  // validate checks everything under --dir; the stack's include filter applies to plan/apply
  const loaded = await loadDesiredState(dir, { root, ...(stacked.stack ? { stack: { ...stacked.stack, desired_state: { ...stacked.stack.desired_state, include: ["**"] } } } : {}) });
  diagnostics.push(...loaded.diagnostics);
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  if (format === "json") {
    io.stdout.write(`${JSON.stringify({ valid: errors === 0, errors, warnings, diagnostics }, null, 2)}\n`);
  } else if (format === "github") {
    io.stdout.write(formatDiagnostics(diagnostics, "github", { root }));
  } else {
    io.stdout.write(formatDiagnostics(diagnostics, "text", { root }));
    if (errors === 0) {
      const counts = kinds.map((kind) => `${objectCount(kind, loaded.state)} ${kind.plural}`);
      io.stdout.write(`ok: ${[`${loaded.state.zones.length} zones`, ...counts].join(", ")} in ${loaded.state.dir}\n`);
    }
  }
  return errors === 0 ? 0 : 1;
}
