// Whether an expression's `<value> in $list` names a list the desired state knows, of a kind that
// fits what is looked up: IP lists with IP fields (ip.src), ASN lists with ip.src.asnum, host name
// lists with http.host. Cloudflare's managed lists ($cf.malware, ...) are IP lists it owns.
import { didYouMean } from "../../desired-state/did-you-mean.ts";
import type { RuleFinding } from "../kind.ts";
import type { ListSpec } from "../list/spec.ts";
import type { ListReference, ValueExpr } from "./expression/index.ts";

function describe(value: ValueExpr): string {
  if (value.type === "field") return value.name;
  if (value.type === "call") return `${value.name}()`;
  return `${describe(value.target)}[...]`;
}

/** What a list of this kind may be used with; undefined when `left` fits. */
function misuse(kind: string, left: ValueExpr): string | undefined {
  const field = left.type === "field" ? left.name : undefined;
  if (kind === "ip") return left.valueType === "IP address" ? undefined : "an IP address field such as ip.src";
  if (kind === "asn") return field === "ip.src.asnum" || field === "ip.geoip.asnum" ? undefined : "ip.src.asnum";
  if (kind === "hostname") return field === "http.host" ? undefined : "http.host";
  return "no expression (it is used by Bulk Redirects)";
}

export function listUseFinding(ref: ListReference, lists: readonly ListSpec[]): RuleFinding | undefined {
  const managed = ref.name.startsWith("cf.");
  const list = managed ? undefined : lists.find((candidate) => candidate.list === ref.name);
  if (!managed && !list) {
    const guess = didYouMean(ref.name, lists.map((candidate) => candidate.list));
    return {
      code: "list-undeclared",
      message: `$${ref.name} is not a declared list`,
      hint: guess ? `did you mean $${guess}?` : `declare it in desired-state/lists/${ref.name}.yaml (with read_only: true if it is managed elsewhere)`,
    };
  }
  const kind = list?.kind ?? "ip";
  const fits = misuse(kind, ref.left);
  if (fits === undefined) return undefined;
  return {
    code: "list-kind-mismatch",
    message: `$${ref.name} is ${kind === "ip" || kind === "asn" ? "an" : "a"} ${kind} list; it can be used with ${fits}, not ${describe(ref.left)}`,
    ...(list ? { hint: `its kind is set in ${list.file}` } : {}),
  };
}
