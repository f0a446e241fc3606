// Zone settings the emulator knows: a new Free zone's defaults and the values each accepts
// (value enums as in the OpenAPI schema's zones_<setting>_value).

export interface SettingSpec {
  default: unknown;
  editable?: boolean;
  /** Returns a problem, or undefined when the value is acceptable. */
  check: (value: unknown) => string | undefined;
}

const oneOf = (...allowed: Array<string | number>) => (value: unknown) =>
  allowed.includes(value as string | number) ? undefined : `must be one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}`;
const onOff = oneOf("on", "off");
const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

function checkSecurityHeader(value: unknown): string | undefined {
  if (!isObject(value) || !isObject(value.strict_transport_security)) return "must be an object with strict_transport_security";
  const hsts = value.strict_transport_security;
  for (const flag of ["enabled", "include_subdomains", "preload", "nosniff"]) {
    if (hsts[flag] !== undefined && typeof hsts[flag] !== "boolean") return `strict_transport_security.${flag} must be true or false`;
  }
  if (hsts.max_age !== undefined && (typeof hsts.max_age !== "number" || hsts.max_age < 0)) return "strict_transport_security.max_age must be a number of seconds";
  return undefined;
}

const browserCacheTtls = [0, 30, 60, 120, 300, 1200, 1800, 3600, 7200, 10800, 14400, 18000, 28800, 43200, 57600, 72000, 86400, 172800, 259200, 345600, 432000, 691200, 1382400, 2073600, 2678400, 5356800, 16070400, 31536000];
const challengeTtls = [300, 900, 1800, 2700, 3600, 7200, 10800, 14400, 28800, 57600, 86400, 604800, 2592000, 31536000];

export const settingsCatalog: Record<string, SettingSpec> = {
  "0rtt": { default: "off", check: onOff },
  advanced_ddos: { default: "on", editable: false, check: onOff },
  always_online: { default: "off", check: onOff },
  always_use_https: { default: "off", check: onOff },
  automatic_https_rewrites: { default: "on", check: onOff },
  brotli: { default: "on", check: onOff },
  browser_cache_ttl: { default: 14400, check: oneOf(...browserCacheTtls) },
  browser_check: { default: "on", check: onOff },
  cache_level: { default: "aggressive", check: oneOf("aggressive", "basic", "simplified") },
  challenge_ttl: { default: 1800, check: oneOf(...challengeTtls) },
  ciphers: { default: [], check: (v) => (Array.isArray(v) && v.every((c) => typeof c === "string") ? undefined : "must be a list of cipher names") },
  cname_flattening: { default: "flatten_at_root", check: oneOf("flatten_at_root", "flatten_all") },
  development_mode: { default: "off", check: onOff },
  early_hints: { default: "off", check: onOff },
  email_obfuscation: { default: "on", check: onOff },
  h2_prioritization: { default: "off", check: oneOf("on", "off", "custom") },
  hotlink_protection: { default: "off", check: onOff },
  http2: { default: "on", check: onOff },
  http3: { default: "on", check: onOff },
  ip_geolocation: { default: "on", check: onOff },
  ipv6: { default: "on", check: onOff },
  max_upload: { default: 100, check: oneOf(100, 200, 500) },
  min_tls_version: { default: "1.0", check: oneOf("1.0", "1.1", "1.2", "1.3") },
  mirage: { default: "off", editable: false, check: onOff },
  nel: { default: { enabled: false }, check: (v) => (isObject(v) && typeof v.enabled === "boolean" ? undefined : "must be { enabled: true|false }") },
  opportunistic_encryption: { default: "on", check: onOff },
  opportunistic_onion: { default: "on", check: onOff },
  orange_to_orange: { default: "off", editable: false, check: onOff },
  origin_error_page_pass_thru: { default: "off", editable: false, check: onOff },
  polish: { default: "off", editable: false, check: oneOf("off", "lossless", "lossy") },
  prefetch_preload: { default: "off", editable: false, check: onOff },
  proxy_read_timeout: { default: 100, editable: false, check: (v) => (typeof v === "number" && v >= 1 && v <= 6000 ? undefined : "must be a number of seconds from 1 to 6000") },
  pseudo_ipv4: { default: "off", check: oneOf("off", "add_header", "overwrite_header") },
  replace_insecure_js: { default: "on", check: onOff },
  response_buffering: { default: "off", editable: false, check: onOff },
  rocket_loader: { default: "off", check: onOff },
  security_header: {
    default: { strict_transport_security: { enabled: false, max_age: 0, include_subdomains: false, preload: false, nosniff: false } },
    check: checkSecurityHeader,
  },
  security_level: { default: "medium", check: oneOf("off", "essentially_off", "low", "medium", "high", "under_attack") },
  server_side_exclude: { default: "on", check: onOff },
  sort_query_string_for_cache: { default: "off", editable: false, check: onOff },
  ssl: { default: "full", check: oneOf("off", "flexible", "full", "strict") },
  tls_1_3: { default: "on", check: oneOf("on", "off", "zrt") },
  tls_client_auth: { default: "off", check: onOff },
  true_client_ip_header: { default: "off", editable: false, check: onOff },
  waf: { default: "off", editable: false, check: onOff },
  webp: { default: "off", editable: false, check: onOff },
  websockets: { default: "on", check: onOff },
};
