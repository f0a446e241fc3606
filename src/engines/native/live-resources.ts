// Live API objects -> the engine-neutral resources the diff compares.
import { dnsValueFromLive, isReadOnlyLive } from "../../kinds/dns-record/normalise.ts";
import { firewallValueFromLive } from "../../kinds/firewall-rule/normalise.ts";
import { ingressKey, tunnelServiceFromLive } from "../../kinds/tunnel-service/normalise.ts";
import { isSettingEditable, settingFromLive } from "../../kinds/zone-settings/normalise.ts";
import { dnsResource } from "../../plan/expand.ts";
import type { Resource } from "../../plan/resources.ts";
import type { LiveZone } from "./read-live.ts";
import type { LiveTunnel } from "./tunnels.ts";

export function zoneResources(zone: LiveZone): Resource[] {
  const out: Resource[] = [];
  for (const entry of zone.settings ?? []) {
    const id = `${zone.name}/settings/${String(entry.id)}`;
    const setting: Resource = { kind: "zone-settings", key: id, id, zone: zone.name, value: { ...settingFromLive(entry) } };
    if (!isSettingEditable(entry)) setting.readOnly = true;
    out.push(setting);
  }
  for (const record of zone.records ?? []) {
    const resource = dnsResource(zone.name, dnsValueFromLive(record));
    resource.cloudId = String(record.id);
    if (isReadOnlyLive(record)) resource.readOnly = true;
    out.push(resource);
  }
  for (const rule of zone.firewall?.rules ?? []) {
    const value = firewallValueFromLive(rule);
    const id = `${zone.name}/firewall/${value.ref}`;
    out.push({ kind: "firewall-rule", key: id, id, zone: zone.name, value: { ...value }, cloudId: String(rule.id) });
  }
  return out;
}

export function tunnelResources(tunnel: LiveTunnel): Resource[] {
  const ingress = tunnel.config?.ingress;
  if (!Array.isArray(ingress)) return [];
  const out: Resource[] = [];
  for (const rule of ingress as Record<string, unknown>[]) {
    const value = tunnelServiceFromLive(rule, tunnel.name);
    if (!value) continue;
    out.push({
      kind: "tunnel-service",
      key: ingressKey(tunnel.id, value),
      id: `services/${value.hostname}${value.path ?? ""}`,
      tunnelId: tunnel.id,
      value: { ...value },
      cloudId: tunnel.id,
    });
  }
  return out;
}
