// `cf-gitops import --access`: each live application's access: block, written into the service
// file of its hostname: the session duration (when not the default) and the rules of its allow
// policy (include as allow, require, exclude as deny). What a block cannot say is named in the notes.
import type { ImportedBlocks } from "../kind.ts";
import type { Resource } from "../../plan/resources.ts";
import { defaultSessionDuration } from "../shared/access/duration.ts";
import { serviceOfPolicy } from "../shared/access/names.ts";
import { rulesToYaml } from "../shared/access/yaml.ts";
import type { TunnelServiceSpec } from "../tunnel-service/spec.ts";
import type { ApplicationRaw } from "./native.ts";
import { accessApplicationKindId, type AccessApplicationValue } from "./normalise.ts";

export function accessBlocksFromLive(live: Resource[], hosts: readonly { file: string; spec: unknown }[]): ImportedBlocks {
  const out: ImportedBlocks = { blocks: [], notes: [] };
  const byHost = new Map(hosts.map((host) => [(host.spec as TunnelServiceSpec).hostname, host]));
  for (const resource of live.filter((candidate) => candidate.kind === accessApplicationKindId)) {
    const value = resource.value as AccessApplicationValue;
    const host = byHost.get(value.domain);
    if (!host) {
      out.notes.push(`${resource.id}: no service file publishes ${value.domain}; left out`);
      continue;
    }
    const raw = resource.raw as ApplicationRaw | undefined;
    const allow = (raw?.policies ?? []).filter((policy) => policy.decision === "allow");
    const [policy, ...others] = allow;
    const block: Record<string, unknown> = {};
    if (value.session_duration !== defaultSessionDuration) block.session_duration = value.session_duration;
    const skipped: string[] = [];
    if (policy) {
      for (const [key, rules, every] of [["allow", policy.include, false], ["require", policy.require, true], ["deny", policy.exclude, false]] as const) {
        const yaml = rulesToYaml(rules, every);
        skipped.push(...yaml.skipped);
        if (yaml.items.length > 0) block[key] = yaml.items;
      }
    }
    if (policy && serviceOfPolicy(policy.name) === undefined) out.notes.push(`${host.file}: the rules of policy "${policy.name}" were written; the next apply gives the application its own policy "${(host.spec as TunnelServiceSpec).service} (cf-gitops)" with them`);
    const leftOut = [...others.map((other) => `policy "${other.name}"`), ...(raw?.policies ?? []).filter((p) => p.decision !== "allow").map((p) => `${p.decision} policy "${p.name}"`), ...[...new Set(skipped)].map((type) => `${type} rules`)];
    if (leftOut.length > 0) out.notes.push(`${host.file}: left out of access: ${leftOut.join(", ")} (cf-gitops gives a service one allow policy)`);
    const count = policy ? policy.include.length + policy.require.length + policy.exclude.length : 0;
    const policies = live.filter((other) => other.kind !== resource.kind && value.policies.includes(String(other.value.name)));
    out.blocks.push({ file: host.file, value: block, written: [resource, ...policies], summary: `access: ${count} rule(s)` });
  }
  return out;
}
