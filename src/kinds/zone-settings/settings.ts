// The curated zone settings: each with its value type and the conversion of what people write
// in YAML (true, on, 1.2) to Cloudflare's API form ("on", "1.2", 14400).
import type { ZoneSettingValue } from "./spec.ts";
import type { JsonSchema } from "../kind.ts";

export interface SettingInfo {
  description: string;
  /** "toggle": on/off; "enum": one of `values`; "number": one of `values` (numbers). */
  kind: "toggle" | "enum" | "number";
  values?: readonly (string | number)[];
}

const toggle = (description: string): SettingInfo => ({ description, kind: "toggle" });

export const zoneSettings: Record<string, SettingInfo> = {
  ssl: { description: "SSL/TLS encryption mode between Cloudflare and the origin.", kind: "enum", values: ["off", "flexible", "full", "strict"] },
  min_tls_version: { description: "Oldest TLS version visitors may use.", kind: "enum", values: ["1.0", "1.1", "1.2", "1.3"] },
  tls_1_3: { description: "TLS 1.3 (zrt = with 0-RTT).", kind: "enum", values: ["on", "off", "zrt"] },
  always_use_https: toggle("Redirect every http request to https."),
  automatic_https_rewrites: toggle("Rewrite http links to https where possible."),
  security_level: { description: "How aggressively visitors are challenged.", kind: "enum", values: ["off", "essentially_off", "low", "medium", "high", "under_attack"] },
  browser_cache_ttl: {
    description: "Browser cache TTL in seconds (0 = respect origin headers).",
    kind: "number",
    values: [0, 30, 60, 120, 300, 1200, 1800, 3600, 7200, 10800, 14400, 18000, 28800, 43200, 57600, 72000, 86400, 172800, 259200, 345600, 432000, 691200, 1382400, 2073600, 2678400, 5356800, 16070400, 31536000],
  },
  http3: toggle("HTTP/3 (QUIC) to visitors."),
  brotli: toggle("Brotli compression."),
  ipv6: toggle("IPv6 compatibility."),
  websockets: toggle("WebSocket connections to the origin."),
  opportunistic_encryption: toggle("Advertise https for http visitors (Alt-Svc)."),
  email_obfuscation: toggle("Hide email addresses on pages from bots."),
  development_mode: toggle("Bypass the cache (switches itself off after 3 hours)."),
  "0rtt": toggle("TLS 1.3 0-RTT session resumption."),
  always_online: toggle("Serve cached pages when the origin is down."),
  browser_check: toggle("Browser integrity check."),
  early_hints: toggle("103 Early Hints."),
  hotlink_protection: toggle("Hotlink protection for images."),
  ip_geolocation: toggle("CF-IPCountry header."),
  rocket_loader: toggle("Rocket Loader (async JavaScript)."),
  server_side_exclude: toggle("Server-side excludes."),
  cache_level: { description: "Cache level.", kind: "enum", values: ["aggressive", "basic", "simplified"] },
  challenge_ttl: { description: "How long a passed challenge lasts, in seconds.", kind: "number", values: [300, 900, 1800, 2700, 3600, 7200, 10800, 14400, 28800, 57600, 86400, 604800, 2592000, 31536000] },
  pseudo_ipv4: { description: "Pseudo IPv4 for IPv6-only origins.", kind: "enum", values: ["off", "add_header", "overwrite_header"] },
};

/** Accepted YAML forms of one setting (booleans and numbers are accepted where people write them). */
export function settingSchema(info: SettingInfo): JsonSchema {
  if (info.kind === "toggle") return { description: info.description, enum: ["on", "off", true, false] };
  if (info.kind === "number") return { description: info.description, enum: [...(info.values ?? [])] };
  const numbers = (info.values ?? []).filter((value) => typeof value === "string" && /^\d+\.\d+$/.test(value)).map(Number);
  return { description: info.description, enum: [...(info.values ?? []), ...numbers] };
}

/** The value in Cloudflare's API form. Call only on values that passed the schema. */
export function toApiValue(name: string, value: unknown): ZoneSettingValue {
  const info = zoneSettings[name];
  if (info?.kind === "toggle" && typeof value === "boolean") return value ? "on" : "off";
  if (info?.kind === "enum" && typeof value === "number") return value.toFixed(1);
  return value as ZoneSettingValue;
}
