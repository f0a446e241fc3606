// The fields of Cloudflare's Rules language usable in WAF custom rules, with their types, after
// the Fields reference (developers.cloudflare.com/ruleset-engine/rules-language/fields/reference/).
import type { Allowance } from "./allowances.ts";
import type { ValueType } from "./value-types.ts";

const S = "String";
const I = "Integer";
const B = "Boolean";
const IP = "IP address";
const AS = "Array<String>";
const AI = "Array<Integer>";
const AAS = "Array<Array<String>>";
const MAS = "Map<Array<String>>";
const MAI = "Map<Array<Integer>>";

function withRaw(entries: Record<string, ValueType>): Record<string, ValueType> {
  const out: Record<string, ValueType> = { ...entries };
  for (const [name, type] of Object.entries(entries)) out[`raw.${name}`] = type;
  return out;
}

/** Geolocation fields exist as `ip.src.*` and as the deprecated `ip.geoip.*` alias. */
function withGeoipAlias(entries: Record<string, ValueType>): Record<string, ValueType> {
  const out: Record<string, ValueType> = { ...entries };
  for (const [name, type] of Object.entries(entries)) out[name.replace("ip.src.", "ip.geoip.")] = type;
  return out;
}

export const fields: Readonly<Record<string, ValueType>> = {
  // request
  "http.cookie": S,
  "http.host": S,
  "http.referer": S,
  "http.user_agent": S,
  "http.x_forwarded_for": S,
  "http.request.method": S,
  "http.request.version": S,
  "http.request.timestamp.sec": I,
  "http.request.timestamp.msec": I,
  "http.request.cookies": MAS,
  "http.request.accepted_languages": AS,
  "http.request.headers": MAS,
  "http.request.headers.names": AS,
  "http.request.headers.values": AS,
  "http.request.headers.truncated": B,
  ...withRaw({
    "http.request.full_uri": S,
    "http.request.uri": S,
    "http.request.uri.path": S,
    "http.request.uri.path.extension": S,
    "http.request.uri.query": S,
    "http.request.uri.args": MAS,
    "http.request.uri.args.names": AS,
    "http.request.uri.args.values": AS,
  }),
  // body
  "http.request.body.raw": S,
  "http.request.body.truncated": B,
  "http.request.body.size": I,
  "http.request.body.mime": S,
  "http.request.body.form": MAS,
  "http.request.body.form.names": AS,
  "http.request.body.form.values": AS,
  "http.request.body.multipart": MAS,
  "http.request.body.multipart.names": AAS,
  "http.request.body.multipart.values": AS,
  "http.request.body.multipart.content_types": AAS,
  "http.request.body.multipart.content_dispositions": AAS,
  "http.request.body.multipart.content_transfer_encodings": AAS,
  "http.request.body.multipart.filenames": AAS,
  // JWT claims (API Shield)
  "http.request.jwt.claims.aud": MAS,
  "http.request.jwt.claims.aud.names": AS,
  "http.request.jwt.claims.aud.values": AS,
  "http.request.jwt.claims.iat.sec": MAI,
  "http.request.jwt.claims.iat.sec.names": AS,
  "http.request.jwt.claims.iat.sec.values": AI,
  "http.request.jwt.claims.iss": MAS,
  "http.request.jwt.claims.iss.names": AS,
  "http.request.jwt.claims.iss.values": AS,
  "http.request.jwt.claims.jti": MAS,
  "http.request.jwt.claims.jti.names": AS,
  "http.request.jwt.claims.jti.values": AS,
  "http.request.jwt.claims.nbf.sec": MAI,
  "http.request.jwt.claims.nbf.sec.names": AS,
  "http.request.jwt.claims.nbf.sec.values": AI,
  "http.request.jwt.claims.sub": MAS,
  "http.request.jwt.claims.sub.names": AS,
  "http.request.jwt.claims.sub.values": AS,
  // connection and geolocation
  ssl: B,
  "ip.src": IP,
  "ip.src.lat": S,
  "ip.src.lon": S,
  "ip.src.city": S,
  "ip.src.postal_code": S,
  "ip.src.metro_code": S,
  "ip.src.region": S,
  "ip.src.region_code": S,
  "ip.src.timezone.name": S,
  ...withGeoipAlias({
    "ip.src.asnum": I,
    "ip.src.continent": S,
    "ip.src.country": S,
    "ip.src.subdivision_1_iso_code": S,
    "ip.src.subdivision_2_iso_code": S,
    "ip.src.is_in_european_union": B,
  }),
  // dynamic fields
  "cf.api_gateway.auth_id_present": B,
  "cf.api_gateway.request_violates_schema": B,
  "cf.api_gateway.fallthrough_detected": B,
  "cf.schema_validation.learned.violated": B,
  "cf.schema_validation.uploaded.violated": B,
  "cf.bot_management.verified_bot": B,
  "cf.bot_management.score": I,
  "cf.bot_management.static_resource": B,
  "cf.bot_management.ja3_hash": S,
  "cf.bot_management.ja4": S,
  "cf.bot_management.js_detection.passed": B,
  "cf.bot_management.detection_ids": AI,
  "cf.bot_management.corporate_proxy": B,
  "cf.bot_management.signed_agent": B,
  "cf.client.bot": B,
  "cf.verified_bot_category": S,
  "cf.edge.server_ip": IP,
  "cf.edge.server_port": I,
  "cf.edge.client_port": I,
  "cf.zone.name": S,
  "cf.zone.plan": S,
  "cf.edge.client_tcp": B,
  "cf.edge.l4.delivery_rate": I,
  "cf.hostname.metadata": S,
  "cf.random_seed": S,
  "cf.ray_id": S,
  "cf.threat_score": I,
  "cf.worker.upstream_zone": S,
  "cf.timings.client_tcp_rtt_msec": I,
  "cf.timings.client_quic_rtt_msec": I,
  "cf.timings.edge_msec": I,
  "cf.timings.origin_ttfb_msec": I,
  "cf.timings.worker_msec": I,
  // TLS and mTLS
  "cf.tls_cipher": S,
  "cf.tls_version": S,
  "cf.tls_ciphers_sha1": S,
  "cf.tls_client_extensions_sha1": S,
  "cf.tls_client_extensions_sha1_le": S,
  "cf.tls_client_hello_length": I,
  "cf.tls_client_random": S,
  "cf.tls_client_auth.cert_presented": B,
  "cf.tls_client_auth.cert_verified": B,
  "cf.tls_client_auth.cert_revoked": B,
  "cf.tls_client_auth.cert_issuer_dn": S,
  "cf.tls_client_auth.cert_subject_dn": S,
  "cf.tls_client_auth.cert_issuer_dn_rfc2253": S,
  "cf.tls_client_auth.cert_subject_dn_rfc2253": S,
  "cf.tls_client_auth.cert_issuer_dn_legacy": S,
  "cf.tls_client_auth.cert_subject_dn_legacy": S,
  "cf.tls_client_auth.cert_serial": S,
  "cf.tls_client_auth.cert_issuer_serial": S,
  "cf.tls_client_auth.cert_fingerprint_sha256": S,
  "cf.tls_client_auth.cert_fingerprint_sha1": S,
  "cf.tls_client_auth.cert_not_before": S,
  "cf.tls_client_auth.cert_not_after": S,
  "cf.tls_client_auth.cert_ski": S,
  "cf.tls_client_auth.cert_issuer_ski": S,
  "cf.tls_client_auth.cert_rfc9440": S,
  "cf.tls_client_auth.cert_rfc9440_too_large": B,
  "cf.tls_client_auth.cert_chain_rfc9440": S,
  "cf.tls_client_auth.cert_chain_rfc9440_too_large": B,
  // WAF detections
  "cf.waf.score": I,
  "cf.waf.score.sqli": I,
  "cf.waf.score.xss": I,
  "cf.waf.score.rce": I,
  "cf.waf.score.class": S,
  "cf.waf.auth_detected": B,
  "cf.waf.credential_check.password_leaked": B,
  "cf.waf.credential_check.username_leaked": B,
  "cf.waf.credential_check.username_and_password_leaked": B,
  "cf.waf.credential_check.username_password_similar": B,
  "cf.waf.content_scan.has_obj": B,
  "cf.waf.content_scan.has_malicious_obj": B,
  "cf.waf.content_scan.has_failed": B,
  "cf.waf.content_scan.num_obj": I,
  "cf.waf.content_scan.num_malicious_obj": I,
  "cf.waf.content_scan.obj_sizes": AI,
  "cf.waf.content_scan.obj_types": AS,
  "cf.waf.content_scan.obj_results": AS,
  // AI security for apps
  "cf.llm.prompt.detected": B,
  "cf.llm.prompt.pii_detected": B,
  "cf.llm.prompt.pii_categories": AS,
  "cf.llm.prompt.unsafe_topic_detected": B,
  "cf.llm.prompt.unsafe_topic_categories": AS,
  "cf.llm.prompt.injection_score": I,
  "cf.llm.prompt.token_count": I,
  "cf.llm.prompt.custom_topic_categories": "Map<Integer>",
  // response (response-phase rules)
  "http.response.code": I,
  "http.response.headers": MAS,
  "http.response.headers.names": AS,
  "http.response.headers.values": AS,
  "http.response.content_type.media_type": S,
  "raw.http.response.headers": MAS,
  "raw.http.response.headers.names": AS,
  "raw.http.response.headers.values": AS,
};

export const fieldNames: readonly string[] = Object.keys(fields);

/** Response fields exist only once there is a response: in the response phases. */
const responsePhases: readonly Allowance[] = ["http_response_firewall_managed", "http_response_headers_transform", "http_response_compression", "http_custom_errors", "http_log_custom_fields"];

/** Fields usable only in some phases (allowances.ts); a field not listed may be used anywhere. */
export const fieldAllowances: Readonly<Record<string, readonly Allowance[]>> = Object.fromEntries(
  fieldNames.filter((name) => name.startsWith("http.response.") || name.startsWith("raw.http.response.")).map((name) => [name, responsePhases]),
);

/**
 * Where Cloudflare lists the only fields a part of a rule may use ("<phase>:<use>" -> names, a
 * trailing ".*" covering a family): URL rewrite rules, after developers.cloudflare.com/rules/
 * transform/url-rewrite/reference/fields-functions/ (the `ip.geoip.*` it lists are the `ip.src.*`
 * fields under their older names).
 */
export const contextFields: Readonly<Record<string, readonly string[]>> = {
  "http_request_transform:filter": [
    "cf.edge.server_ip", "cf.edge.server_port", "cf.edge.client_port", "cf.zone.name", "cf.ray_id", "cf.tls_client_auth.*",
    "http.cookie", "http.host", "http.referer", "http.request.headers", "http.request.headers.*", "http.request.accepted_languages",
    "http.request.method", "http.request.timestamp.sec", "http.request.timestamp.msec", "http.request.full_uri", "http.request.uri",
    "http.request.uri.*", "http.request.version", "raw.http.request.full_uri", "raw.http.request.uri", "raw.http.request.uri.*",
    "http.user_agent", "http.x_forwarded_for", "ip.src", "ip.src.*", "ip.geoip.*", "ssl",
  ],
  "http_request_transform:rewrite": ["http.request.uri.*", "http.request.headers.*", "http.request.accepted_languages"],
};

/** The fields the context limits itself to, if it does (undefined: any field the phase allows). */
export function fieldsOfContext(phase: string | undefined, use: string | undefined): readonly string[] | undefined {
  return phase === undefined ? undefined : contextFields[`${phase}:${use ?? "filter"}`];
}

/** Whether a field is one of `names` (exactly, or under a trailing ".*"). */
export function fieldListed(field: string, names: readonly string[]): boolean {
  return names.some((name) => (name.endsWith(".*") ? field.startsWith(name.slice(0, -1)) : field === name));
}

export function fieldType(name: string): ValueType | undefined {
  return Object.hasOwn(fields, name) ? fields[name] : undefined;
}
