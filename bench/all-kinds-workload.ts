// A workload with every kind: N zones, each with DNS records, settings, a firewall rule, a rate
// limit, a cache rule, a redirect and a tunnel service, plus L account lists the firewall rules use.
// Built in code (no YAML); the API budget test and the bench count what a no-change drift costs.
import type { DesiredState, StackConfig, ZoneSpec } from "../src/desired-state/types.ts";
import type { ListSpec } from "../src/kinds/list/spec.ts";
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
  } as ZoneSpec;
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

function service(zone: string): TunnelServiceSpec {
  return { service: `app-${zone}`, hostname: `app.${zone}`, origin: "http://localhost:8080", tunnel: benchTunnel, file: `desired-state/services/app-${zone}.yaml`, source };
}

export function allKindsDesired(zones: number, recordsPerZone: number, lists: number, itemsPerList = 20): DesiredState {
  const specs = Array.from({ length: zones }, (_, i) => zoneWithEverything(i, recordsPerZone, lists));
  return { dir: "desired-state", zones: specs, services: specs.map((zone) => service(zone.zone)), lists: Array.from({ length: lists }, (_, i) => list(i, itemsPerList)) };
}

export function allKindsStack(): StackConfig {
  return toStackConfig("bench", "stacks/bench.yaml", { engine: "native", tunnels: { [benchTunnel]: {} } });
}
