// What describes one ruleset-phase kind: its zone-file key, its phase and how its rules read and
// write. The kind's folder passes one of these to the helpers here (expand, native, pulumi, YAML).
import type { ZoneSpec } from "../../../desired-state/types.ts";
import type { KindId } from "../../../plan/types.ts";
import type { PhaseRuleValue } from "./normalise.ts";

export interface RulesetPhase<Value extends PhaseRuleValue = PhaseRuleValue, Spec = unknown> {
  kind: KindId;
  /** The zone-file key (`firewall`), also the middle of change ids: example.com/firewall/<ref>. */
  key: string;
  /** Cloudflare's phase, e.g. http_request_firewall_custom. */
  phase: string;
  /** For messages and the ruleset's name: "custom firewall rules". */
  what: string;
  /** For counts: "firewall rule". */
  noun: string;
  /** The start of its diagnostic codes and messages: "firewall" (firewall-duplicate-ref). */
  code: string;
  /**
   * `import --zone` writes the key even when the phase has no rules (it then owns the empty phase,
   * and rules added elsewhere are deleted): no kind does, following the import rule (docs/architecture.md).
   */
  importEmpty?: boolean;
  /** The zone file's list (undefined: the phase is not managed). */
  rulesOf(zone: ZoneSpec): Spec[] | undefined;
  fromSpec(spec: Spec): Value;
  /** A rule of the entrypoint as the API returns it. */
  fromApi(rule: Record<string, unknown>): Value;
  /** The rule as the entrypoint PUT takes it (without Cloudflare's id). */
  toApi(value: Value): Record<string, unknown>;
  /** The rule as YAML (`import`). */
  toYaml(value: Value): Record<string, unknown>;
}

export function phaseRuleId(zone: string, key: string, ref: string): string {
  return `${zone}/${key}/${ref}`;
}
