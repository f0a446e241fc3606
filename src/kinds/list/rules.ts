// Semantic rules for list files: items of the list's kind, in a form Cloudflare accepts, each once
// (a redirect's source once); read-only lists declare no items; names unique; the account's item
// limit (custom lists; redirect lists have Bulk Redirects' own quota); `enabled` on redirect lists only.
import type { DesiredState } from "../../desired-state/types.ts";
import type { StateRule } from "../kind.ts";
import { canonicalIp, itemKey, itemValue, prefixBounds } from "./normalise.ts";
import { redirectProblem } from "./redirect-checks.ts";
import type { ListItemSpec, ListSpec } from "./spec.ts";

const lists = (state: DesiredState) => state.lists ?? [];

/** Cloudflare's cap on custom list items, all lists of the account together. */
export const maxAccountItems = 10_000;

const hostnamePattern = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const itemField = { ip: "an IP address or CIDR", asn: "an AS number", hostname: "a host name", redirect: "a URL redirect (source and target)" } as const;

interface ItemProblem {
  code: string;
  message: string;
  hint?: string;
  /** The field it is about, of `target` (the item, or its redirect). */
  field?: string;
  target?: object;
}

function itemProblem(list: ListSpec, item: ListItemSpec): ItemProblem | undefined {
  const given = (["ip", "asn", "hostname", "redirect"] as const).filter((field) => item[field] !== undefined);
  if (given.length !== 1 || given[0] !== list.kind) {
    const what = given.length === 0 ? "no value" : given.map((field) => itemField[field]).join(" and ");
    return { code: "list-item-kind", message: `${list.kind === "hostname" ? "a" : "an"} ${list.kind} list holds ${itemField[list.kind]} per item, not ${what}`, hint: `kind: ${list.kind} is set at line ${list.source.line}` };
  }
  if (item.ip !== undefined) {
    const ip = canonicalIp(item.ip);
    if (!ip) return { code: "list-ip-invalid", message: `"${item.ip}" is not an IP address or CIDR`, field: "ip" };
    const [min, max] = prefixBounds[ip.family];
    if (ip.prefix < min || ip.prefix > max) return { code: "list-ip-invalid", message: `IPv${ip.family} CIDRs in lists must be /${min} to /${max}; got /${ip.prefix}`, field: "ip" };
    if (ip.hostBits) return { code: "list-ip-invalid", message: `${item.ip} has host bits set`, hint: `did you mean ${ip.text}?`, field: "ip" };
  }
  if (item.redirect) {
    const problem = redirectProblem(item.redirect);
    return problem && { ...problem, target: item.redirect };
  }
  if (item.hostname !== undefined && !hostnamePattern.test(item.hostname.toLowerCase())) {
    return { code: "list-hostname-invalid", message: `"${item.hostname}" is not a host name`, hint: "letters, digits and hyphens, dot-separated; a leading *. matches every subdomain", field: "hostname" };
  }
  return undefined;
}

export const listItemsRule: StateRule = {
  name: "list-items",
  check({ state, locate }, report) {
    for (const list of lists(state)) {
      if (list.read_only && list.items.length > 0) {
        report({ code: "list-read-only-items", message: `list ${list.list} is read_only, so cf-gitops does not manage its items`, hint: "remove items: (or read_only: true to manage the list here)" }, locate(list, "items"));
        continue;
      }
      const seen = new Map<string, ListItemSpec>();
      for (const item of list.items) {
        const problem = itemProblem(list, item);
        if (problem) {
          const { field, target, ...finding } = problem;
          report(finding, field ? locate(target ?? item, field) : locate(item));
          continue;
        }
        const key = itemKey(itemValue(item));
        const first = seen.get(key);
        const value = key.slice(key.indexOf(":") + 1);
        if (first && item.redirect) report({ code: "list-duplicate-item", message: `source ${value} is listed twice in ${list.list}; Cloudflare takes each source once per list`, hint: `it is already at line ${first.source.line}` }, locate(item.redirect, "source"));
        else if (first) report({ code: "list-duplicate-item", message: `${value} is listed twice in ${list.list}`, hint: `it is already at line ${first.source.line}` }, locate(item));
        else seen.set(key, item);
      }
    }
  },
};

export const listNamesRule: StateRule = {
  name: "list-names",
  check({ state, locate }, report) {
    const seen = new Map<string, ListSpec>();
    for (const list of lists(state)) {
      const first = seen.get(list.list);
      if (first) report({ code: "list-duplicate", message: `list ${list.list} is already declared in ${first.file}`, hint: "keep each list in one file" }, locate(list, "list"));
      else seen.set(list.list, list);
    }
  },
};

export const listLimitRule: StateRule = {
  name: "list-limit",
  check({ state, locate }, report) {
    const custom = lists(state).filter((list) => list.kind !== "redirect");
    let total = 0;
    for (const list of custom) {
      total += list.items.length;
      if (total > maxAccountItems) {
        report({ code: "list-too-many-items", message: `the lists hold ${custom.reduce((sum, l) => sum + l.items.length, 0)} items; Cloudflare allows ${maxAccountItems} per account`, hint: "Enterprise accounts allow more; remove items or merge CIDRs" }, locate(list, "items"));
        return;
      }
    }
  },
};

export const listEnabledRule: StateRule = {
  name: "list-enabled",
  check({ state, locate }, report) {
    for (const list of lists(state)) {
      if (list.enabled && list.kind !== "redirect") report({ code: "list-enabled-kind", message: `enabled turns on a redirect list's Bulk Redirect rule; ${list.list} is ${list.kind === "ip" || list.kind === "asn" ? "an" : "a"} ${list.kind} list`, hint: "custom lists are used in expressions as $name; remove enabled" }, locate(list, "enabled"));
      if (list.enabled && list.read_only) report({ code: "list-enabled-kind", message: `list ${list.list} is read_only, so cf-gitops does not turn it on`, hint: "remove enabled, or read_only to manage the list here" }, locate(list, "enabled"));
    }
  },
};
