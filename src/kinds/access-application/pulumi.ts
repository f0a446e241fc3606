// The Pulumi engine's Access applications adapter: one ZeroTrustAccessApplication (self_hosted) per
// service with access, named by its change id (access/apps/<hostname>), imported as
// accounts/<account_id>/<app_id> (the provider's import id). It links its policy by the policy's
// Output id, so Pulumi creates the policy first and deletes it last; the tunnel configuration
// depends on the applications of its services (tunnel-service/pulumi.ts), so a hostname is routed
// only once Access guards it.
import type { ZeroTrustAccessApplicationArgs } from "@pulumi/cloudflare";
import type { PulumiAdapter } from "../../engines/pulumi/adapter.ts";
import { encodeLogicalName } from "../../engines/pulumi/names.ts";
import { policyLogicalName } from "../access-policy/pulumi.ts";
import { appId } from "../shared/access/names.ts";
import { applicationResource } from "./expand.ts";
import { accessApplicationKindId, applicationValue, type AccessApplicationValue } from "./normalise.ts";

export function applicationLogicalName(domain: string): string {
  return encodeLogicalName(appId(domain));
}

/**
 * The policies of a state, by name: the provider's state names a linked policy by id (its name
 * where the provider read it back), so an id is named after the desired policy in the same place.
 */
function policyNames(state: unknown, desired: readonly string[]): string[] {
  const links = (Array.isArray(state) ? state : []).filter((link): link is Record<string, unknown> => typeof link === "object" && link !== null);
  const sorted = links.slice().sort((a, b) => Number(a.precedence ?? 0) - Number(b.precedence ?? 0));
  return sorted.map((link, index) => (typeof link.name === "string" ? link.name : links.length === desired.length ? desired[index]! : String(link.id ?? "")));
}

export const pulumi: PulumiAdapter = {
  kind: accessApplicationKindId,
  type: "cloudflare:index/zeroTrustAccessApplication:ZeroTrustAccessApplication",
  shape: "single",
  logicalName: (resource) => encodeLogicalName(resource.id),
  // a live application for the hostname is adopted whatever it holds, then given git's settings
  adoptIgnoring: ["name", "sessionDuration", "policies"],
  declare(resources, ctx) {
    for (const resource of resources) {
      const value = resource.value as AccessApplicationValue;
      const name = encodeLogicalName(resource.id);
      const policies = value.policies.map((policy, index) => ({ id: ctx.declared?.get(policyLogicalName(policy))?.id ?? policy, precedence: index + 1 }));
      const args: ZeroTrustAccessApplicationArgs = { accountId: ctx.accountId, name: value.name, domain: value.domain, type: value.type, sessionDuration: value.session_duration, policies };
      ctx.declared?.set(name, new ctx.cloudflare.ZeroTrustAccessApplication(name, args, ctx.opts(name)));
    }
    return {};
  },
  fromState(_name, state, ctx) {
    if (!state || typeof state.domain !== "string") return [];
    const desired = ctx.desiredByKey.get(appId(state.domain.toLowerCase()))?.value as AccessApplicationValue | undefined;
    const sessionDuration = typeof state.sessionDuration === "string" ? state.sessionDuration : undefined;
    return [applicationResource(applicationValue(String(state.name ?? ""), state.domain, String(state.type ?? "self_hosted"), sessionDuration, policyNames(state.policies, desired?.policies ?? [])))];
  },
  importId: (_name, live, ctx) => (live[0]?.cloudId ? `accounts/${ctx.accountId}/${live[0].cloudId}` : undefined),
};
