// A URL redirect whose target is itself the source of another redirect in the same list sends the
// visitor through two redirects (a chain: slower, and worse for search engines), or round in
// circles (a loop: the page is unreachable). Both are fixed by pointing each source at the final
// target.
import type { ListSpec, RedirectItemSpec } from "../../kinds/list/spec.ts";
import { definePolicy, noParams } from "../define-policy.ts";
import type { Finding } from "../types.ts";

interface Url {
  host: string;
  path: string;
}

/** Host and path of a source or target (scheme optional), or undefined when it is no http(s) URL. */
function parse(url: string): Url | undefined {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`;
  if (!URL.canParse(text)) return undefined;
  const parsed = new URL(text);
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return undefined;
  return { host: parsed.hostname.toLowerCase(), path: parsed.pathname };
}

/** Whether Cloudflare's URL matching would apply this redirect to the URL (include_subdomains, subpath_matching). */
function matches(redirect: RedirectItemSpec, url: Url): boolean {
  const source = parse(redirect.source);
  if (!source) return false;
  const host = url.host === source.host || (redirect.include_subdomains === true && url.host.endsWith(`.${source.host}`));
  if (!host) return false;
  if (url.path === source.path) return true;
  if (!redirect.subpath_matching) return false;
  const base = source.path.endsWith("/") ? source.path : `${source.path}/`;
  return url.path.startsWith(base);
}

function follow(list: ListSpec, start: RedirectItemSpec): { hops: RedirectItemSpec[]; loop: boolean } {
  const redirects = list.items.flatMap((item) => (item.redirect ? [item.redirect] : []));
  const hops: RedirectItemSpec[] = [start];
  for (let current = start; hops.length <= redirects.length; ) {
    const target = parse(current.target);
    const next = target && redirects.find((candidate) => candidate !== current && matches(candidate, target));
    if (!next) return { hops, loop: false };
    if (hops.includes(next)) return { hops: [...hops, next], loop: true };
    hops.push(next);
    current = next;
  }
  return { hops, loop: true };
}

export const bulkRedirectChain = definePolicy({
  id: "bulk-redirect-chain",
  description: "No URL redirect in a redirect list leads to another redirect of the same list (a chain) or back to itself (a loop)",
  level: "mandatory",
  remediation: "point each source straight at its final target",
  paramsSchema: noParams,
  checkState(desired) {
    const findings: Finding[] = [];
    for (const list of desired.lists ?? []) {
      if (list.kind !== "redirect") continue;
      for (const item of list.items) {
        if (!item.redirect) continue;
        const { hops, loop } = follow(list, item.redirect);
        if (hops.length < 2) continue;
        const path = hops.map((hop) => hop.source).join(" -> ");
        findings.push({
          resource: `lists/${list.list}`,
          message: loop
            ? `redirect list ${list.list}: ${item.redirect.source} loops (${path}): visitors are sent round in circles`
            : `redirect list ${list.list}: ${item.redirect.source} redirects to ${item.redirect.target}, which ${hops[1]!.source} redirects again (${path} -> ${hops.at(-1)!.target}): point it at the final target`,
          source: item.source,
        });
      }
    }
    return findings;
  },
});
