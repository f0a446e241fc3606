// Exemptions in code: { policy, resource, reason, expires? }. A selector matches a resource id
// exactly, as a glob, or as a leading part ending at "/" (so "example.com" covers the whole zone).
import picomatch from "picomatch";
import type { Diagnostic, SourceLocation } from "../desired-state/types.ts";
import type { AnyPolicy } from "./types.ts";
import type { YamlSource } from "./yaml-source.ts";

export interface Exemption {
  policy: string;
  resource: string;
  reason: string;
  expires?: string;
  source: SourceLocation;
}

const exemptionKeys = ["policy", "resource", "reason", "expires"];

function validDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** Valid exemptions that still apply; expired ones become warnings and are left out. */
export function parseExemptions(source: YamlSource, items: unknown[], known: Map<string, AnyPolicy>, now: Date, diagnostics: Diagnostic[]): Exemption[] {
  const today = now.toISOString().slice(0, 10);
  const out: Exemption[] = [];
  items.forEach((item, index) => {
    const where = source.at(["exemptions", index]);
    const error = (at: SourceLocation, code: string, message: string, hint?: string): void => {
      diagnostics.push({ ...at, severity: "error", code, message, ...(hint ? { hint } : {}) });
    };
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      error(where, "policy-exemption-invalid", `exemptions[${index}] must be a mapping with policy, resource and reason`);
      return;
    }
    const entry = item as Record<string, unknown>;
    const before = diagnostics.length;
    for (const key of Object.keys(entry)) {
      if (!exemptionKeys.includes(key)) error(source.keyAt(["exemptions", index, key]), "policy-exemption-invalid", `exemptions[${index}]: unknown key "${key}"`, `allowed keys: ${exemptionKeys.join(", ")}`);
    }
    for (const key of ["policy", "resource", "reason"]) {
      if (typeof entry[key] !== "string" || (entry[key] as string).trim() === "") error(where, "policy-exemption-invalid", `exemptions[${index}] needs a non-empty ${key}`);
    }
    if (typeof entry.policy === "string" && entry.policy !== "" && !known.has(entry.policy)) {
      error(source.at(["exemptions", index, "policy"]), "policy-config-unknown-policy", `exemptions[${index}]: unknown policy "${entry.policy}"`);
    }
    const expires = entry.expires === undefined ? undefined : String(entry.expires);
    if (expires !== undefined && !validDate(expires)) {
      error(source.at(["exemptions", index, "expires"]), "policy-exemption-invalid", `exemptions[${index}].expires: "${expires}" is not a date`, "write it as YYYY-MM-DD");
    }
    if (diagnostics.length > before) return;
    if (expires !== undefined && expires < today) {
      diagnostics.push({
        ...source.at(["exemptions", index, "expires"]),
        severity: "warning",
        code: "policy-exemption-expired",
        message: `exemption of ${String(entry.resource)} from ${String(entry.policy)} expired on ${expires} and no longer applies`,
        hint: "fix the resource, or renew the exemption with a new expires date and a reason",
      });
      return;
    }
    out.push({ policy: entry.policy as string, resource: entry.resource as string, reason: entry.reason as string, ...(expires ? { expires } : {}), source: where });
  });
  return out;
}

export function selectorMatches(selector: string, resource: string): boolean {
  if (selector === resource || resource.startsWith(`${selector.replace(/\/+$/, "")}/`)) return true;
  const isMatch = picomatch(selector, { dot: true });
  if (isMatch(resource)) return true;
  // A glob also covers everything under what it matches: example.com/dns/www/* covers example.com/dns/www/A/1.2.3.4.
  const parts = resource.split("/");
  for (let i = 1; i < parts.length; i++) if (isMatch(parts.slice(0, i).join("/"))) return true;
  return false;
}

export function findExemption(exemptions: Exemption[], policy: string, resource: string): Exemption | undefined {
  return exemptions.find((e) => e.policy === policy && selectorMatches(e.resource, resource));
}
