// Every resource kind, one line each. The completeness test fails when a folder is missing here.
import { dnsRecordKind } from "./dns-record/index.ts";
import { firewallRuleKind } from "./firewall-rule/index.ts";
import type { KindDefinition } from "./kind.ts";
import { tunnelServiceKind } from "./tunnel-service/index.ts";
import { zoneSettingsKind } from "./zone-settings/index.ts";

export const kinds: readonly KindDefinition[] = [dnsRecordKind, zoneSettingsKind, firewallRuleKind, tunnelServiceKind];

export function kindById(id: string): KindDefinition | undefined {
  return kinds.find((kind) => kind.id === id);
}
