// The docs' tables that list every kind, from the registry: `npm run schemas` writes them between
// markers in README.md and docs/, and test/docs-kind-tables.test.ts fails when one is out of date.
import type { KindDefinition } from "./kind.ts";
import { permissionName, zonePermission } from "./permissions.ts";
import { kinds } from "./registry.ts";

export interface DocTable {
  /** The file, from the repository's root. */
  file: string;
  /** The marker's name: <!-- generated: NAME --> ... <!-- end generated: NAME -->. */
  name: string;
  markdown: string;
}

function table(head: string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((cell) => cell.replaceAll("|", "\\|")).join(" | ")} |`;
  return [line(head), `|${head.map(() => "---").join("|")}|`, ...rows.map(line)].join("\n");
}

/** Where a kind lives in the YAML: its zone-file keys, or its folder. */
export function whereOf(kind: KindDefinition): string {
  const placement = kind.placement;
  if (placement.scope === "zone") return Object.keys(placement.keys).map((key) => `\`${key}:\``).join(", ");
  if (placement.scope === "embedded") return `\`${placement.key}:\` in \`desired-state/${placement.folder}/\``;
  return `\`desired-state/${placement.folder}/\``;
}

function permissions(kind: KindDefinition, level: "Read" | "Edit"): string {
  return kind.permissions.map((permission) => permissionName(permission, level) + (permission.api ? ` (API: \`${permission.api} ${level === "Edit" ? "Write" : "Read"}\`)` : "")).join(", and ");
}

export function kindDocTables(list: readonly KindDefinition[] = kinds): DocTable[] {
  const generated = (file: string, name: string, markdown: string): DocTable => ({ file, name, markdown });
  return [
    generated("README.md", "kinds", table(["in the YAML", "kind", "what it manages", "token permission (to edit)"], list.map((kind) => [whereOf(kind), `\`${kind.id}\``, kind.docs.what, permissions(kind, "Edit")]))),
    generated("docs/native-engine.md", "kinds-owns", table(["the file has", "cf-gitops manages", "left alone"], list.flatMap((kind) => kind.docs.owns))),
    generated("docs/pulumi.md", "kinds-pulumi", table(["desired state", "Pulumi resource", "logical name (never positional)"], list.flatMap((kind) => kind.docs.pulumi))),
    generated("docs/policies.md", "kinds-ids", table(["resource", "id"], [...list.flatMap((kind) => kind.docs.ids), ["a whole zone (`max-deletions`)", "`example.com`"]])),
    generated("docs/security.md", "kinds-permissions", table(["what", "Cloudflare calls", "read (plan, drift, import, doctor)", "write (apply, daemon)"], [
      ["every zone-file kind", "list zones", permissionName(zonePermission, "Read"), "the same"],
      ...list.map((kind) => [`${whereOf(kind)} (\`${kind.id}\`)`, kind.docs.calls, permissions(kind, "Read"), permissions(kind, "Edit")]),
      ["`create_zones: true` in a stack file", "create zone", "", permissionName(zonePermission, "Edit")],
    ])),
    generated("docs/architecture.md", "kinds", table(["kind", "in the YAML", "model", "`import` for a zone (or account) with none"], list.map((kind) => [`\`${kind.id}\``, whereOf(kind), kind.docs.model, kind.docs.importNone]))),
  ];
}

function markers(name: string): [string, string] {
  return [`<!-- generated: ${name} (npm run schemas; from the registry) -->`, `<!-- end generated: ${name} -->`];
}

/** The file's text with the table between its markers replaced; undefined when the markers are missing. */
export function withTable(text: string, generated: Pick<DocTable, "name" | "markdown">): string | undefined {
  const [start, end] = markers(generated.name);
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) return undefined;
  return `${text.slice(0, from)}${start}\n${generated.markdown}\n${text.slice(to)}`;
}
