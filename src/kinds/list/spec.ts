// List files (desired-state/lists/<list>.yaml): an account-level list, used as $name in any
// expression of any zone. A read_only list is declared only so that expressions may use it.
import type { SourceLocation } from "../../desired-state/types.ts";
import type { FilePlacement } from "../kind.ts";
import { isRecord } from "../kind.ts";
import { listKindId, type ListKind } from "./normalise.ts";
import { redirectFlags, type RedirectFlag } from "./redirect-items.ts";
import { listFilesFromLive } from "./yaml.ts";

export { listKindId };

/** A URL redirect as written (registered at the item's position, so rules can point at its fields). */
export interface RedirectItemSpec extends Partial<Record<RedirectFlag, boolean>> {
  source: string;
  target: string;
  status?: number;
}

export interface ListItemSpec {
  ip?: string;
  asn?: number;
  hostname?: string;
  redirect?: RedirectItemSpec;
  comment?: string;
  /** Where the item is written. */
  source: SourceLocation;
}

export interface ListSpec {
  list: string;
  kind: ListKind;
  description?: string;
  items: ListItemSpec[];
  read_only: boolean;
  /** Redirect lists: whether the account's Bulk Redirect rule turns it on (default false; the loader always sets it). */
  enabled?: boolean;
  file: string;
  source: SourceLocation;
}

declare module "../../desired-state/types.ts" {
  interface DesiredState {
    /** Optional, so desired states built in code before lists existed stay valid; the loader always sets it. */
    lists?: ListSpec[];
  }
}

function buildRedirect(fields: Record<string, unknown>): RedirectItemSpec {
  const redirect: RedirectItemSpec = { source: String(fields.source ?? ""), target: String(fields.target ?? "") };
  if (typeof fields.status === "number") redirect.status = fields.status;
  for (const flag of redirectFlags) if (typeof fields[flag] === "boolean") redirect[flag] = fields[flag];
  return redirect;
}

/** A bare item is an IP, an AS number or a host name, by the list's kind; a redirect is a mapping. */
function buildItem(raw: unknown, kind: ListKind, source: SourceLocation): ListItemSpec {
  if (typeof raw === "number") return { asn: raw, source };
  if (typeof raw === "string") return kind === "hostname" ? { hostname: raw, source } : { ip: raw, source };
  const item: ListItemSpec = { source };
  const fields = isRecord(raw) ? raw : {};
  if ("source" in fields || "target" in fields) item.redirect = buildRedirect(fields);
  if (typeof fields.ip === "string") item.ip = fields.ip;
  if (typeof fields.asn === "number") item.asn = fields.asn;
  if (typeof fields.hostname === "string") item.hostname = fields.hostname;
  if (isRecord(fields.hostname) && typeof fields.hostname.url_hostname === "string") item.hostname = fields.hostname.url_hostname;
  if (typeof fields.comment === "string") item.comment = fields.comment;
  return item;
}

export const listPlacement: FilePlacement<ListSpec, "list"> = {
  scope: "file",
  file: "list",
  folder: "lists",
  nameKey: "list",
  description: "desired-state/lists/<list>.yaml: an account-level list: IP addresses, AS numbers or host names used as $<list> in expressions, or URL redirects (Bulk Redirects, turned on with enabled: true).",
  init(state) {
    state.lists = [];
  },
  build(raw, ctx) {
    if (ctx.failed()) return undefined;
    const source = ctx.at([]);
    const kind = raw.kind as ListKind;
    const items = Array.isArray(raw.items) ? raw.items : [];
    const spec: ListSpec = {
      list: String(raw.list),
      kind,
      items: items.map((item, index) => buildItem(item, kind, ctx.at(["items", index]))),
      read_only: raw.read_only === true,
      enabled: raw.enabled === true,
      file: ctx.file,
      source,
    };
    if (typeof raw.description === "string") spec.description = raw.description;
    ctx.register(spec, [], source);
    spec.items.forEach((item, index) => {
      ctx.register(item, ["items", index], item.source);
      if (item.redirect) ctx.register(item.redirect, ["items", index], item.source);
    });
    return spec;
  },
  add: (state, spec) => void (state.lists ??= []).push(spec),
  all: (state) => state.lists ?? [],
  nameOf: (spec) => ({ name: spec.list, file: spec.file }),
  zoneOf: () => undefined,
  import: { flag: "lists", scopes: ["account"], toFiles: listFilesFromLive },
};
