// Synthetic workloads for the native engine's budget tests and benchmark: N zones of M records,
// built in code (no YAML) so that 10,000 records load in milliseconds.
import type { DesiredState, StackConfig, ZoneSpec } from "../src/desired-state/types.ts";
import type { DnsRecordSpec } from "../src/kinds/dns-record/spec.ts";
import { toStackConfig } from "../src/desired-state/stack.ts";

const source = { file: "bench", line: 1, column: 1 };

export function zoneName(index: number): string {
  return `zone-${index}.bench.example`;
}

/** Record j of a zone: mostly A, with AAAA and TXT mixed in so normalisation is exercised. */
export function benchRecord(zone: string, j: number, variant = 0): DnsRecordSpec {
  const label = `host-${j}`;
  const base = { name: label, fqdn: `${label}.${zone}`, proxied: false, ttl: 300 + variant, tags: [], source };
  if (j % 10 === 1) return { ...base, type: "AAAA", content: `2001:db8::${(j + 1).toString(16)}` };
  if (j % 10 === 2) return { ...base, type: "TXT", content: `v=bench; "record ${j}"; end` };
  return { ...base, type: "A", content: `10.${(j >> 16) & 255}.${(j >> 8) & 255}.${j & 255}` };
}

export function benchDesired(zones: number, recordsPerZone: number, variant = 0): DesiredState {
  const specs: ZoneSpec[] = [];
  for (let i = 0; i < zones; i++) {
    const zone = zoneName(i);
    specs.push({
      zone,
      file: `desired-state/zones/${zone}.yaml`,
      source,
      ignore: [],
      // equal to the emulator's defaults, so a no-change drift really is one
      settings: { values: { always_use_https: "off" }, sources: {}, source },
      dns: Array.from({ length: recordsPerZone }, (_, j) => benchRecord(zone, j, variant)),
      firewall: [],
    });
  }
  return { dir: "desired-state", zones: specs, services: [] };
}

export function benchStack(): StackConfig {
  return toStackConfig("bench", "stacks/bench.yaml", { engine: "native" });
}

/** The API body that puts a spec's record in place directly (seeding the emulator). */
export function seedBody(spec: DnsRecordSpec): Record<string, unknown> {
  return { name: spec.fqdn, type: spec.type, content: spec.content, ttl: spec.ttl, proxied: spec.proxied };
}
