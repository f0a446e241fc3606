// The rule every one-object-per-item kind has: an item's identity once per zone, reported at the
// second one's identity field with the line of the first.
import type { ZoneRule } from "../../kind.ts";
import { identityOf, type ObjectKind, type ObjectSpec } from "./object-kind.ts";

export function uniqueIdentityRule<Spec extends ObjectSpec, Value extends Record<string, unknown>>(kind: ObjectKind<Spec, Value>): ZoneRule {
  return {
    name: `${kind.code}-unique-${kind.identity}`,
    check({ zone, locate }, report) {
      const seen = new Map<string, Spec>();
      for (const item of kind.itemsOf(zone) ?? []) {
        const identity = identityOf(kind, kind.fromSpec(item));
        const first = seen.get(identity);
        if (!first) seen.set(identity, item);
        else report({ code: `${kind.code}-duplicate-${kind.identity}`, message: `duplicate ${kind.noun} ${kind.identity} "${identity}"`, hint: `"${identity}" is already listed at line ${first.source.line}; Cloudflare allows one ${kind.noun} per ${kind.identity}` }, locate(item, kind.identity));
      }
    },
  };
}
