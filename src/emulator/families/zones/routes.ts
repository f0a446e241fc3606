// Zones: list (name and account filters, paging, order), get, create (account.id required).
import { fail, type HandlerResult } from "../../envelope.ts";
import { toPunycode } from "../dns/names.ts";
import { hexId, nowIso } from "../../ids.ts";
import { paginate } from "../../pagination.ts";
import type { RequestContext, Router } from "../../router.ts";
import { bodyObject } from "../../requests.ts";
import { requireZone, zonesOf } from "./slice.ts";
import type { Zone } from "./types.ts";

const domainPattern = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** `name` accepts Cloudflare's operator prefixes: contains:, starts_with:, ends_with:, not_equal:, equal:. */
function nameMatcher(filter: string): (name: string) => boolean {
  const [, operator = "equal", value = filter] = /^(equal|not_equal|starts_with|ends_with|contains|starts_with_case_sensitive|ends_with_case_sensitive|contains_case_sensitive):(.*)$/s.exec(filter) ?? [];
  const sensitive = operator.endsWith("_case_sensitive");
  const ascii = toPunycode(value) ?? value;
  const wanted = sensitive ? ascii : ascii.toLowerCase();
  const op = operator.replace("_case_sensitive", "");
  return (name) => {
    const text = sensitive ? name : name.toLowerCase();
    if (op === "not_equal") return text !== wanted;
    if (op === "starts_with") return text.startsWith(wanted);
    if (op === "ends_with") return text.endsWith(wanted);
    if (op === "contains") return text.includes(wanted);
    return text === wanted;
  };
}

function listZones(ctx: RequestContext): HandlerResult {
  const q = ctx.query;
  const tests: Array<(zone: Zone) => boolean> = [];
  const name = q.get("name");
  if (name !== null) {
    const match = nameMatcher(name);
    tests.push((zone) => match(zone.name));
  }
  const accountId = q.get("account.id");
  if (accountId !== null) tests.push((zone) => zone.account.id === accountId);
  const accountName = q.get("account.name");
  if (accountName !== null) tests.push((zone) => zone.account.name === accountName);
  const status = q.get("status");
  if (status !== null) tests.push((zone) => zone.status === status);
  const any = q.get("match") === "any";
  let zones = [...zonesOf(ctx.store).values()].filter((zone) => tests.length === 0 || (any ? tests.some((t) => t(zone)) : tests.every((t) => t(zone))));
  const order = q.get("order") ?? "name";
  const key = (zone: Zone) => (order === "status" ? zone.status : order === "account.id" ? zone.account.id : order === "account.name" ? zone.account.name : zone.name);
  const sign = q.get("direction") === "desc" ? -1 : 1;
  zones = zones.sort((a, b) => sign * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) || (a.name < b.name ? -1 : 1));
  const { page, info } = paginate(zones, q, { defaultPerPage: 20, maxPerPage: 50, minPerPage: 5 });
  return { result: page, resultInfo: info };
}

export function newZone(name: string, accountId: string, accountName: string): Zone {
  const now = nowIso();
  return {
    id: hexId(),
    name,
    status: "active",
    paused: false,
    type: "full",
    development_mode: 0,
    name_servers: ["ada.ns.cloudflare.com", "bob.ns.cloudflare.com"],
    original_name_servers: null,
    original_registrar: null,
    original_dnshost: null,
    modified_on: now,
    created_on: now,
    activated_on: now,
    vanity_name_servers: [],
    vanity_name_servers_ips: null,
    meta: { step: 4, custom_certificate_quota: 0, page_rule_quota: 3, phishing_detected: false },
    owner: { id: null, type: "user", email: null },
    account: { id: accountId, name: accountName },
    tenant: { id: null, name: null },
    tenant_unit: { id: null },
    permissions: ["#dns_records:edit", "#dns_records:read", "#zone:read", "#zone_settings:edit", "#zone_settings:read"],
    plan: { id: "0feeeeeeeeeeeeeeeeeeeeeeeeeeeeee", name: "Free Website", price: 0, currency: "USD", frequency: "", is_subscribed: false, can_subscribe: false, legacy_id: "free", legacy_discount: false, externally_managed: false },
  };
}

function createZone(ctx: RequestContext): HandlerResult {
  const body = bodyObject(ctx);
  const rawName = body.name;
  if (typeof rawName !== "string" || rawName.trim() === "") throw fail(400, 1001, "name is required: the domain name of the zone");
  const name = toPunycode(rawName.trim().replace(/\.$/, ""))?.toLowerCase() ?? "";
  if (!domainPattern.test(name)) throw fail(400, 1099, `${rawName} is not a valid domain name`);
  const account = body.account as { id?: unknown } | undefined;
  if (!account || typeof account.id !== "string" || account.id === "") {
    throw fail(400, 1001, "account.id is required: the account that will own the zone");
  }
  if (account.id !== ctx.store.accountId) throw fail(403, 1001, `Account ${account.id} does not exist or the token cannot access it`);
  if ([...zonesOf(ctx.store).values()].some((zone) => zone.name === name)) throw fail(400, 1061, `${name} already exists`);
  const zone = newZone(name, ctx.store.accountId, ctx.store.accountName);
  zonesOf(ctx.store).set(zone.id, zone);
  return { result: zone, audit: [{ action: "create", resource: "zone", id: zone.id, zone: { id: zone.id, name: zone.name }, after: zone, request: body }] };
}

export function addZoneRoutes(router: Router): void {
  router.add("GET", "/zones", listZones);
  router.add("POST", "/zones", createZone);
  router.add("GET", "/zones/{zone_id}", (ctx) => ({ result: requireZone(ctx) }));
}
