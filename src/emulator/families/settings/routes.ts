// Zone settings: GET all, GET one, PATCH one ({ value }), bulk PATCH ({ items: [{ id, value }] }).
import type { AuditEvent } from "../../audit/types.ts";
import { ApiFailure, fail } from "../../envelope.ts";
import { nowIso } from "../../ids.ts";
import type { RequestContext, Router } from "../../router.ts";
import { settingsCatalog } from "./catalog.ts";
import type { EmulatorStore } from "../../store.ts";
import { bodyObject } from "../../requests.ts";
import { requireZone } from "../zones/slice.ts";
import type { Zone } from "../zones/types.ts";
import { settingsSlice, zoneSettings } from "./slice.ts";

function settingView(store: EmulatorStore, zoneId: string, id: string): Record<string, unknown> {
  const spec = settingsCatalog[id]!;
  const stored = store.slice(settingsSlice).get(zoneId)?.get(id);
  const view: Record<string, unknown> = {
    id,
    value: structuredClone(stored ? stored.value : spec.default),
    editable: spec.editable ?? true,
    modified_on: stored?.modified_on ?? null,
  };
  if (id === "development_mode") view.time_remaining = view.value === "on" ? 10800 : 0;
  return view;
}

function knownSetting(id: string | undefined): string {
  if (!id || !settingsCatalog[id]) throw fail(404, 1006, `Unrecognized zone setting name: ${id ?? ""}`);
  return id;
}

/** Checks a change; returns an error message or undefined. */
function problem(id: string, change: unknown): string | undefined {
  const spec = settingsCatalog[id]!;
  if (change === null || typeof change !== "object" || !("value" in change)) return `Invalid value for zone setting ${id}: "value" is required`;
  if (spec.editable === false) return `Setting ${id} is not editable on this zone's plan`;
  const issue = spec.check((change as { value: unknown }).value);
  return issue ? `Invalid value for zone setting ${id}: ${issue}` : undefined;
}

function apply(ctx: RequestContext, zoneId: string, id: string, value: unknown): void {
  zoneSettings(ctx.store, zoneId).set(id, { value: structuredClone(value), modified_on: nowIso() });
}

/** One setting's change; its audit resource id is the setting id (ssl, min_tls_version, …). */
function settingEvent(zone: Zone, before: Record<string, unknown>, after: Record<string, unknown>): AuditEvent {
  return { action: "update", resource: "zone_setting", id: String(after.id), zone: { id: zone.id, name: zone.name }, before, after, request: { value: after.value } };
}

export function addSettingsRoutes(router: Router): void {
  router.add("GET", "/zones/{zone_id}/settings", (ctx) => {
    const zone = requireZone(ctx);
    return { result: Object.keys(settingsCatalog).map((id) => settingView(ctx.store, zone.id, id)) };
  });
  router.add("PATCH", "/zones/{zone_id}/settings", (ctx) => {
    const zone = requireZone(ctx);
    const items = bodyObject(ctx).items;
    if (!Array.isArray(items) || items.length === 0) throw fail(400, 1007, 'Request body must be { "items": [{ "id": ..., "value": ... }] }');
    const errors = items.flatMap((item: { id?: string }) => {
      if (!item || typeof item.id !== "string" || !settingsCatalog[item.id]) return [{ code: 1006, message: `Unrecognized zone setting name: ${String(item?.id)}` }];
      const issue = problem(item.id, item);
      return issue ? [{ code: 1007, message: issue }] : [];
    });
    if (errors.length > 0) throw new ApiFailure(400, errors);
    const audit = (items as Array<{ id: string; value: unknown }>).map((item) => {
      const before = settingView(ctx.store, zone.id, item.id);
      apply(ctx, zone.id, item.id, item.value);
      return settingEvent(zone, before, settingView(ctx.store, zone.id, item.id));
    });
    return { result: (items as Array<{ id: string }>).map((item) => settingView(ctx.store, zone.id, item.id)), audit };
  });
  router.add("GET", "/zones/{zone_id}/settings/{setting_id}", (ctx) => {
    const zone = requireZone(ctx);
    return { result: settingView(ctx.store, zone.id, knownSetting(ctx.params.setting_id)) };
  });
  router.add("PATCH", "/zones/{zone_id}/settings/{setting_id}", (ctx) => {
    const zone = requireZone(ctx);
    const id = knownSetting(ctx.params.setting_id);
    const issue = problem(id, ctx.body);
    if (issue) throw fail(400, 1007, issue);
    const before = settingView(ctx.store, zone.id, id);
    apply(ctx, zone.id, id, (ctx.body as { value: unknown }).value);
    const after = settingView(ctx.store, zone.id, id);
    return { result: after, audit: [settingEvent(zone, before, after)] };
  });
}
