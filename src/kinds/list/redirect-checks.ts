// What Cloudflare takes in a URL redirect (developers.cloudflare.com/rules/url-forwarding/
// bulk-redirects/reference/url-components/ and /parameters/): a source of host and path only (its
// scheme optional, http or https; no user, port, query or fragment), an absolute target (with a
// query only when the request's is not preserved), a status of 301, 302, 307 or 308.
import { bulkRedirectStatuses } from "./redirect-items.ts";
import type { RedirectItemSpec } from "./spec.ts";

export interface RedirectProblem {
  code: string;
  message: string;
  hint?: string;
  /** The field of the redirect it is about. */
  field: "source" | "target" | "status";
}

const schemeOf = (url: string) => /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();

function sourceProblem(redirect: RedirectItemSpec): RedirectProblem | undefined {
  const { source } = redirect;
  const at = { code: "list-redirect-source", field: "source" as const };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(source)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== "http" && scheme !== "https") return { ...at, message: `source ${source} has the scheme ${scheme}://; Cloudflare matches http and https only`, hint: "write the source without a scheme to match both" };
  const url = URL.canParse(scheme ? source : `https://${source}`) ? new URL(scheme ? source : `https://${source}`) : undefined;
  if (!url || url.hostname === "") return { ...at, message: `source "${source}" is not a URL`, hint: "host and path, e.g. example.com/old" };
  if (source.includes("?")) {
    return {
      ...at,
      message: `source ${source} has a query string; Cloudflare matches a source's host and path only`,
      hint: redirect.preserve_query_string ? "drop the query: preserve_query_string already passes the request's query on to the target" : "drop the query; the redirect then applies whatever the query string (preserve_query_string: true keeps it)",
    };
  }
  if (url.username || url.password || url.port || source.includes("#")) return { ...at, message: `source ${source} has a user, a port or a fragment, which Cloudflare does not match`, hint: "host and path only" };
  return undefined;
}

function targetProblem(redirect: RedirectItemSpec): RedirectProblem | undefined {
  const { target } = redirect;
  const at = { code: "list-redirect-target", field: "target" as const };
  if (schemeOf(target) === undefined || !URL.canParse(target)) return { ...at, message: `target ${target} is not an absolute URL`, hint: `with its scheme, e.g. https://${target.replace(/^\/+/, "")}` };
  if (redirect.preserve_query_string && new URL(target).search !== "") return { ...at, message: `target ${target} has a query string, but preserve_query_string: true passes the request's own on`, hint: "Cloudflare takes a query in the target only when preserve_query_string is false" };
  return undefined;
}

export function redirectProblem(redirect: RedirectItemSpec): RedirectProblem | undefined {
  const problem = sourceProblem(redirect) ?? targetProblem(redirect);
  if (problem) return problem;
  const status = redirect.status;
  if (status !== undefined && !(bulkRedirectStatuses as readonly number[]).includes(status)) {
    return { code: "list-redirect-status", field: "status", message: `status must be one of ${bulkRedirectStatuses.join(", ")}; got ${status}`, ...(status === 303 ? { hint: "303 is a single redirect's (redirects: in a zone file); Bulk Redirects take 301, 302, 307 or 308" } : {}) };
  }
  return undefined;
}
