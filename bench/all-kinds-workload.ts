// A workload with every kind: N zones, each with DNS records, settings, a rule in every ruleset
// phase (firewall, rate limit, cache, redirect, URL rewrite, request and response headers, origin,
// configuration, compression), a Workers route and a tunnel service behind Access (its application
// and policy, naming one Access group), plus L account lists the firewall rules use and a redirect
// list turned on (Bulk Redirects). Built in code (no YAML); the
// API budget test and the bench count what a no-change drift costs, and check it covers every
// registered kind.
import type { DesiredState, StackConfig, ZoneSpec } from "../src/desired-state/types.ts";
import type { AccessGroupSpec } from "../src/kinds/access-group/spec.ts";
import type { ListSpec } from "../src/kinds/list/spec.ts";
import type { AccessRuleSpec } from "../src/kinds/shared/access/rules.ts";
import type { TunnelServiceSpec } from "../src/kinds/tunnel-service/spec.ts";
import { toStackConfig } from "../src/desired-state/stack.ts";
import { benchRecord, zoneName } from "./native-workload.ts";

const source = { file: "bench", line: 1, column: 1 };

export const benchTunnel = "bench-tunnel";

export function listName(index: number): string {
  return `bench_list_${index}`;
}

function zoneWithEverything(index: number, records: number, lists: number): ZoneSpec {
  const zone = zoneName(index);
  const list = listName(index % Math.max(1, lists));
  return {
    zone,
    file: `desired-state/zones/${zone}.yaml`,
    source,
    ignore: [],
    settings: { values: { always_use_https: "off" }, sources: {}, source },
    dns: Array.from({ length: records }, (_, j) => benchRecord(zone, j)),
    firewall: [{ ref: "office-admin", expression: `(starts_with(http.request.uri.path, "/admin") and not ip.src in $${list})`, action: "managed_challenge", enabled: true, source }],
    rate_limits: [{ ref: "login", expression: '(http.request.uri.path eq "/login")', characteristics: ["cf.colo.id", "ip.src"], period: 60, requests_per_period: 20, mitigation_timeout: 600, action: "block", enabled: true, source }],
    cache_rules: [{ ref: "assets", expression: '(http.request.uri.path.extension in {"css" "js"})', cache: true, edge_ttl: { mode: "override_origin", default: 86400 }, enabled: true, source }],
    redirects: [{ ref: "www", expression: `(http.host eq "www.${zone}")`, target_url: { expression: `concat("https://${zone}", http.request.uri.path)` }, status_code: 301, enabled: true, source }],
    url_rewrites: [{ ref: "v1", expression: 'starts_with(http.request.uri.path, "/v1/")', path: { expression: 'regex_replace(http.request.uri.path, "^/v1/", "/api/v1/")' }, enabled: true, source }],
    request_headers: [{ ref: "country", expression: "true", set: { "X-Client-Country": { expression: "ip.src.country" } }, enabled: true, source }],
    response_headers: [{ ref: "hsts", expression: "true", set: { "Strict-Transport-Security": { value: "max-age=31536000" } }, remove: ["X-Powered-By"], enabled: true, source }],
    origin_rules: [{ ref: "api", expression: `(http.host eq "api.${zone}")`, origin: { port: 8443 }, enabled: true, source }],
    config_rules: [{ ref: "admin", expression: 'starts_with(http.request.uri.path, "/admin")', settings: { rocket_loader: false }, enabled: true, source }],
    compression_rules: [{ ref: "html", expression: 'http.response.content_type.media_type eq "text/html"', algorithms: ["zstd", "brotli", "gzip"], enabled: true, source }],
    workers_routes: [{ pattern: `${zone}/api/*`, script: "api", source }],
  } as ZoneSpec;
}

/** The redirect list turned on (Bulk Redirects): its items, and its rule in the account's entrypoint. */
export const benchRedirectList = "bench_redirects";

export function redirectList(items: number): ListSpec {
  return {
    list: benchRedirectList,
    kind: "redirect",
    enabled: true,
    items: Array.from({ length: items }, (_, j) => ({ redirect: { source: `old.example.com/page/${j}`, target: `https://www.example.com/pages/${j}` }, source })),
    read_only: false,
    file: `desired-state/lists/${benchRedirectList}.yaml`,
    source,
  };
}

function list(index: number, items: number): ListSpec {
  return {
    list: listName(index),
    kind: "ip",
    description: `bench list ${index}`,
    items: Array.from({ length: items }, (_, j) => ({ ip: `198.51.${100 + index}.${j + 1}`, source })),
    read_only: false,
    file: `desired-state/lists/${listName(index)}.yaml`,
    source,
  };
}

export const benchGroup = "bench-team";

function rule(type: string, values: string[]): AccessRuleSpec {
  return { type, values, list: values.length > 1, extra: [], source };
}

function accessGroup(): AccessGroupSpec {
  return { group: benchGroup, include: [rule("email_domain", ["example.org"])], exclude: [], require: [], read_only: false, keys: ["include"], file: `desired-state/access/groups/${benchGroup}.yaml`, source };
}

function service(zone: string): TunnelServiceSpec {
  return {
    service: `app-${zone}`, hostname: `app.${zone}`, origin: "http://localhost:8080", tunnel: benchTunnel, file: `desired-state/services/app-${zone}.yaml`, source,
    access: { public: false, session_duration: "24h", allow: [rule("group", [benchGroup]), rule("email", ["me@example.com"])], require: [], deny: [], keys: ["session_duration", "allow"], source },
  };
}

export function allKindsDesired(zones: number, recordsPerZone: number, lists: number, itemsPerList = 20): DesiredState {
  const specs = Array.from({ length: zones }, (_, i) => zoneWithEverything(i, recordsPerZone, lists));
  return { dir: "desired-state", zones: specs, services: specs.map((zone) => service(zone.zone)), lists: [...Array.from({ length: lists }, (_, i) => list(i, itemsPerList)), redirectList(itemsPerList)], accessGroups: [accessGroup()] };
}

export function allKindsStack(): StackConfig {
  return toStackConfig("bench", "stacks/bench.yaml", { engine: "native", tunnels: { [benchTunnel]: {} } });
}
