// Every resource kind, one line each (Renovate's managers). The registry test fails when a folder
// is missing here or a kind lacks a module or hook. Adding a kind: docs/architecture.md.
// The order is the Pulumi program's declaration order: a kind comes before the kinds that use it
// (lists before the rules that name them; Access groups, policies and applications before the
// tunnel configuration that routes to the hostnames they guard).
import { accessApplicationKind } from "./access-application/index.ts";
import { accessGroupKind } from "./access-group/index.ts";
import { accessPolicyKind } from "./access-policy/index.ts";
import { cacheRuleKind } from "./cache-rule/index.ts";
import { compressionRuleKind } from "./compression-rule/index.ts";
import { configRuleKind } from "./config-rule/index.ts";
import { dnsRecordKind } from "./dns-record/index.ts";
import { firewallRuleKind } from "./firewall-rule/index.ts";
import type { KindDefinition } from "./kind.ts";
import { listKind } from "./list/index.ts";
import { originRuleKind } from "./origin-rule/index.ts";
import { rateLimitRuleKind } from "./rate-limit-rule/index.ts";
import { redirectRuleKind } from "./redirect-rule/index.ts";
import { requestHeaderRuleKind } from "./request-header-rule/index.ts";
import { responseHeaderRuleKind } from "./response-header-rule/index.ts";
import { tunnelServiceKind } from "./tunnel-service/index.ts";
import { urlRewriteRuleKind } from "./url-rewrite-rule/index.ts";
import { workersRouteKind } from "./workers-route/index.ts";
import { zoneSettingsKind } from "./zone-settings/index.ts";

export const kinds = [dnsRecordKind, zoneSettingsKind, listKind, accessGroupKind, accessPolicyKind, accessApplicationKind, firewallRuleKind, rateLimitRuleKind, cacheRuleKind, redirectRuleKind, urlRewriteRuleKind, requestHeaderRuleKind, responseHeaderRuleKind, originRuleKind, configRuleKind, compressionRuleKind, tunnelServiceKind, workersRouteKind] as const;

export type RegisteredKindId = (typeof kinds)[number]["id"];

const byId = new Map<string, KindDefinition>(kinds.map((kind) => [kind.id, kind]));

export function kindById(id: string): KindDefinition | undefined {
  return byId.get(id);
}

/** Kinds in the order an apply writes them. */
export const kindsInApplyOrder: readonly KindDefinition[] = [...kinds].sort((a, b) => a.applyOrder - b.applyOrder);
