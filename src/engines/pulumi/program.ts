// The inline Pulumi program: desired state -> @pulumi/cloudflare v6 resources. Every logical name
// is the object's identity (see names.ts), so reordering never changes a URN.
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import type { ZoneSpec } from "../../desired-state/types.ts";
import { dnsRecordArgs } from "../../kinds/dns-record/pulumi.ts";
import { dnsRecordId } from "../../kinds/dns-record/identity.ts";
import { firewallRulesetArgs } from "../../kinds/firewall-rule/pulumi.ts";
import { ingressKey, tunnelCnameArgs, tunnelCnameTarget, tunnelConfigArgs } from "../../kinds/tunnel-service/pulumi.ts";
import { zoneSettingArgs, zoneSettingEntries } from "../../kinds/zone-settings/pulumi.ts";
import { dnsLogicalName, encodeLogicalName, rulesetName, tunnelConfigName } from "./names.ts";
import { servicesByTunnel, zoneOfHostname, type ProgramInput } from "./program-input.ts";

export interface ProgramOutputs {
  /** tunnel name -> ingress key (hostname + path) -> service name (for `pulumi stack output`). */
  ingressServices: Record<string, Record<string, string>>;
}

function zoneId(input: ProgramInput, zone: string): string {
  const id = input.zoneIds[zone];
  if (id === undefined) throw new Error(`no zone id resolved for ${zone}`);
  return id;
}

function declareZone(input: ProgramInput, zone: ZoneSpec, opts: (name: string) => pulumi.CustomResourceOptions): void {
  const id = zoneId(input, zone.zone);
  for (const record of zone.dns ?? []) {
    const name = dnsLogicalName(dnsRecordId(zone.zone, record));
    new cloudflare.DnsRecord(name, dnsRecordArgs(id, record), opts(name));
  }
  if (zone.settings) {
    for (const entry of zoneSettingEntries(zone.settings)) {
      const name = encodeLogicalName(`${zone.zone}/settings/${entry.setting}`);
      new cloudflare.ZoneSetting(name, zoneSettingArgs(id, entry), opts(name));
    }
  }
  if (zone.firewall) {
    const name = rulesetName(zone.zone);
    new cloudflare.Ruleset(name, firewallRulesetArgs(id, zone.zone, zone.firewall), opts(name));
  }
}

export function createProgram(input: ProgramInput): () => Promise<ProgramOutputs> {
  return async () => {
    const config = new pulumi.Config();
    const provider = new cloudflare.Provider("cloudflare", {
      apiToken: config.requireSecret("apiToken"),
      baseUrl: input.baseUrl ?? process.env.CLOUDFLARE_BASE_URL,
    });
    const opts = (name: string): pulumi.CustomResourceOptions => {
      const importId = input.imports[name];
      return importId === undefined ? { provider } : { provider, import: importId };
    };
    for (const zone of [...input.desired.zones].sort((a, b) => a.zone.localeCompare(b.zone))) declareZone(input, zone, opts);

    const ingressServices: ProgramOutputs["ingressServices"] = {};
    const zoneNames = Object.keys(input.zoneIds);
    const cnames = new Set<string>(); // two services on one hostname (different paths) share a CNAME
    for (const [tunnel, services] of servicesByTunnel(input.desired.services)) {
      const tunnelId = input.tunnelIds[tunnel];
      if (tunnelId === undefined) throw new Error(`no tunnel id resolved for ${tunnel}`);
      const configName = tunnelConfigName(tunnel);
      new cloudflare.ZeroTrustTunnelCloudflaredConfig(configName, tunnelConfigArgs(input.accountId, tunnelId, services), opts(configName));
      ingressServices[tunnel] = {};
      for (const service of services) {
        ingressServices[tunnel][ingressKey(service)] = service.service;
        const zone = zoneOfHostname(service.hostname, zoneNames);
        if (zone === undefined) throw new Error(`no zone resolved for ${service.hostname}`);
        const record = { fqdn: service.hostname, type: "CNAME" as const, content: tunnelCnameTarget(tunnelId) };
        const name = dnsLogicalName(dnsRecordId(zone, record));
        if (cnames.has(name)) continue;
        cnames.add(name);
        new cloudflare.DnsRecord(name, tunnelCnameArgs(zoneId(input, zone), service, tunnelId), opts(name));
      }
    }
    return { ingressServices };
  };
}
