// Applying a computed plan with the fewest calls: per zone one PATCH per changed setting, DNS
// through the batch endpoint, one entrypoint PUT for the firewall; one PUT per changed tunnel.
// The first failed call stops the run; later changes are reported as skipped, and a rerun
// re-reads live state, so it converges without duplicating anything already done.
import type Cloudflare from "cloudflare";
import { firewallApiRules, firewallPhase } from "../../kinds/firewall-rule/native.ts";
import type { FirewallRuleValue } from "../../kinds/firewall-rule/normalise.ts";
import { tunnelConfigBody } from "../../kinds/tunnel-service/native.ts";
import type { TunnelServiceValue } from "../../kinds/tunnel-service/normalise.ts";
import type { ApplyResult, Change, ChangeOutcome } from "../../plan/types.ts";
import { AbortedError, CfGitopsError } from "../../shared/errors.ts";
import type { Logger } from "../../shared/logger.ts";
import { call } from "./call.ts";
import { dnsBatches } from "./dns-batches.ts";
import type { PlanContext } from "./planner.ts";
import { putTunnelConfig } from "./tunnels.ts";
import { createZone } from "./zones.ts";

export interface ApplyOptions {
  dnsBatchSize: number;
  log: Logger;
  signal?: AbortSignal;
}

class Run {
  readonly outcomes = new Map<Change, ChangeOutcome>();
  failure: Error | undefined;
  readonly options: ApplyOptions;
  constructor(changes: Change[], options: ApplyOptions) {
    this.options = options;
    for (const change of changes) this.outcomes.set(change, { id: change.id, kind: change.kind, op: change.op, status: "skipped" });
  }

  async step(changes: Change[], fn: () => Promise<unknown>): Promise<void> {
    if (this.failure || changes.length === 0) return;
    if (this.options.signal?.aborted) {
      this.failure = new AbortedError("apply was cancelled; changes not yet made are reported as skipped");
      return;
    }
    try {
      await fn();
      for (const change of changes) this.outcomes.get(change)!.status = "applied";
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
      for (const change of changes) Object.assign(this.outcomes.get(change)!, { status: "failed", error: this.failure.message });
    }
  }
}

async function applyZone(client: Cloudflare, ctx: PlanContext, run: Run, zoneName: string, changes: Change[]): Promise<void> {
  const zone = ctx.zones.get(zoneName);
  if (!zone) return;
  for (const change of changes.filter((c) => c.kind === "zone-settings")) {
    const setting = change.id.slice(`${zoneName}/settings/`.length);
    const desired = ctx.expanded.resources.find((r) => r.id === change.id);
    await run.step([change], () =>
      call(`change setting ${setting} of ${zoneName}`, () => client.zones.settings.edit(setting, { zone_id: zone.id, value: desired?.rawSetting } as never)),
    );
  }
  for (const batch of dnsBatches(changes.filter((c) => c.kind === "dns-record"), run.options.dnsBatchSize)) {
    await run.step(batch.changes, () =>
      call(`apply ${batch.changes.length} DNS change(s) to ${zoneName}`, () => client.dns.records.batch({ zone_id: zone.id, ...batch.body } as never)),
    );
  }
  const firewall = changes.filter((c) => c.kind === "firewall-rule");
  if (firewall.length > 0) {
    const rules = ctx.expanded.resources.filter((r) => r.kind === "firewall-rule" && r.zone === zoneName).map((r) => r.value as unknown as FirewallRuleValue);
    const liveIds = new Map(ctx.live.filter((r) => r.kind === "firewall-rule" && r.zone === zoneName && r.cloudId).map((r) => [String(r.value.ref), r.cloudId!]));
    await run.step(firewall, () =>
      call(`replace the custom firewall rules of ${zoneName}`, () =>
        client.rulesets.phases.update(firewallPhase, { zone_id: zone.id, rules: firewallApiRules(rules, liveIds) } as never),
      ),
    );
  }
}

function tunnelOf(ctx: PlanContext, change: Change): string | undefined {
  if (change.op === "delete") return change.cloudId;
  return ctx.expanded.resources.find((r) => r.kind === "tunnel-service" && r.id === change.id)?.tunnelId;
}

export async function applyPlan(client: Cloudflare, ctx: PlanContext, options: ApplyOptions): Promise<ApplyResult> {
  const changes = ctx.plan.changes;
  const run = new Run(changes, options);
  for (const change of changes.filter((c) => c.kind === "zone")) {
    await run.step([change], async () => {
      const zone = await createZone(client, change.id, ctx.accountId!);
      ctx.zones.set(zone.name, zone);
    });
  }
  const zoneNames = [...new Set(changes.filter((c) => c.kind !== "zone" && c.zone).map((c) => c.zone!))];
  for (const zoneName of zoneNames) await applyZone(client, ctx, run, zoneName, changes.filter((c) => c.zone === zoneName));
  const tunnelChanges = new Map<string, Change[]>();
  for (const change of changes.filter((c) => c.kind === "tunnel-service")) {
    const id = tunnelOf(ctx, change);
    if (id) tunnelChanges.set(id, [...(tunnelChanges.get(id) ?? []), change]);
  }
  for (const [tunnelId, group] of tunnelChanges) {
    const tunnel = ctx.tunnels.get(tunnelId);
    if (!tunnel || !ctx.accountId) continue;
    const services = ctx.expanded.resources.filter((r) => r.kind === "tunnel-service" && r.tunnelId === tunnelId).map((r) => r.value as unknown as TunnelServiceValue);
    await run.step(group, () => putTunnelConfig(client, ctx.accountId!, tunnel, tunnelConfigBody(tunnel.config, services)));
  }
  const outcomes = [...run.outcomes.values()];
  const result: ApplyResult = { plan: ctx.plan, status: run.failure ? "failed" : "applied", outcomes };
  if (run.failure) {
    result.error = run.failure.message;
    if (run.failure instanceof CfGitopsError && run.failure.hint) result.errorHint = run.failure.hint;
    options.log.error({ error: run.failure.message, applied: outcomes.filter((o) => o.status === "applied").length }, "apply failed");
  }
  return result;
}
