// The Rules family's phases through the real SDK: each takes its own action and parameters (and
// refuses another phase's action), header names Cloudflare keeps to itself are refused at their
// pointer, and the account's bulk redirect entrypoint takes from_list rules of existing redirect
// lists only; a list such a rule uses cannot be deleted.
import { afterEach, describe, expect, it } from "vitest";
import { startWithClient, validateCaptured, type EmulatorClient } from "../../../../test/support/emulator-client.ts";

const running: EmulatorClient[] = [];
afterEach(async () => {
  for (const ctx of running.splice(0)) {
    validateCaptured(ctx.captured);
    await ctx.emulator.close();
  }
});

async function start(): Promise<{ ctx: EmulatorClient; zoneId: string }> {
  const ctx = await startWithClient({ zones: ["example.com"] });
  running.push(ctx);
  return { ctx, zoneId: (await ctx.client.zones.list()).result[0]!.id };
}

type Errors = { errors: { code: number; message: string; source?: { pointer: string } }[] };
const errors = (response: { body: Record<string, unknown> }) => (response.body as unknown as Errors).errors.map((e) => `${e.code} ${e.source?.pointer ?? ""} ${e.message}`);

const rule = (action: string, action_parameters: unknown) => ({ ref: "r", expression: "true", action, action_parameters });

describe("the Rules family's phases", () => {
  it.each([
    ["http_request_transform", rule("rewrite", { uri: { path: { value: "/new" }, query: { expression: 'concat("a=", http.request.uri.query)' } } })],
    ["http_request_late_transform", rule("rewrite", { headers: { "X-Env": { operation: "set", value: "prod" }, "cf-connecting-ip": { operation: "remove" } } })],
    ["http_response_headers_transform", rule("rewrite", { headers: { Link: { operation: "add", value: "</a.css>; rel=preload" }, "X-Powered-By": { operation: "remove" } } })],
    ["http_request_origin", rule("route", { host_header: "backend.example.net", origin: { host: "backend.example.com", port: 8443 }, sni: { value: "backend.example.net" } })],
    ["http_config_settings", rule("set_config", { rocket_loader: false, security_level: "high", disable_zaraz: true })],
    ["http_response_compression", rule("compress_response", { algorithms: [{ name: "zstd" }, { name: "gzip" }] })],
  ])("%s takes its rules", async (phase, body) => {
    const { ctx, zoneId } = await start();
    const ruleset = (await ctx.client.rulesets.phases.update(phase as never, { zone_id: zoneId, rules: [body] } as never)) as unknown as { phase: string; rules: Record<string, unknown>[] };
    expect(ruleset.phase).toBe(phase);
    expect(ruleset.rules[0]).toMatchObject(body);
  });

  it.each([
    ["http_request_late_transform", rule("rewrite", { headers: { "X-Forwarded-For": { operation: "set", value: "1.2.3.4" } } }), "20021 /rules/0/action_parameters/headers/X-Forwarded-For rules[0].action_parameters.headers.X-Forwarded-For: the x-forwarded-for header cannot be set"],
    ["http_request_late_transform", rule("rewrite", { headers: { "X-Env": { operation: "add", value: "x" } } }), "20021 /rules/0/action_parameters/headers/X-Env/operation rules[0].action_parameters.headers.X-Env.operation: operation must be one of set, remove"],
    ["http_response_headers_transform", rule("rewrite", { headers: { "cf-ray": { operation: "remove" } } }), "20021 /rules/0/action_parameters/headers/cf-ray rules[0].action_parameters.headers.cf-ray: the cf-ray header cannot be modified"],
    ["http_response_headers_transform", rule("rewrite", { headers: { "bad name": { operation: "remove" } } }), "20021 /rules/0/action_parameters/headers/bad name rules[0].action_parameters.headers.bad name: \"bad name\" is not a valid header name"],
    ["http_request_transform", rule("route", { host_header: "x.example.com" }), "20021 /rules/0/action rules[0].action: \"route\" is not allowed in phase http_request_transform; use one of rewrite"],
    ["http_request_origin", rule("route", { origin: { port: 70000 } }), "20021 /rules/0/action_parameters/origin/port rules[0].action_parameters.origin.port: origin.port must be from 1 to 65535; got 70000"],
    ["http_config_settings", rule("set_config", { rocket_loaders: true }), "20021 /rules/0/action_parameters/rocket_loaders rules[0].action_parameters.rocket_loaders: rocket_loaders is not a setting configuration rules can set"],
    ["http_response_compression", rule("compress_response", { algorithms: [{ name: "lz4" }] }), "20021 /rules/0/action_parameters/algorithms/0/name rules[0].action_parameters.algorithms.0.name: name must be one of none, auto, default, gzip, brotli, zstd"],
  ])("%s refuses %j", async (phase, body, message) => {
    const { ctx, zoneId } = await start();
    const response = await ctx.raw("PUT", `/zones/${zoneId}/rulesets/phases/${phase}/entrypoint`, { rules: [body] });
    expect(response.status).toBe(400);
    expect(errors(response)).toEqual([message]);
    expect((await ctx.raw("GET", `/zones/${zoneId}/rulesets/phases/${phase}/entrypoint`)).status).toBe(404);
  });

  it("turns a redirect list on at account level, refuses other lists, and keeps a list in use from deletion", async () => {
    const { ctx } = await start();
    const account_id = ctx.emulator.accountId;
    const redirects = await ctx.client.rules.lists.create({ account_id, kind: "redirect", name: "old_site" });
    await ctx.client.rules.lists.create({ account_id, kind: "ip", name: "office" });
    const bulk = (name: string) => ({ ref: name, expression: `http.request.full_uri in $${name}`, action: "redirect", action_parameters: { from_list: { name, key: "http.request.full_uri" } } });
    const refused = await ctx.raw("PUT", `/accounts/${account_id}/rulesets/phases/http_request_redirect/entrypoint`, { rules: [bulk("office"), bulk("missing")] });
    expect(errors(refused)).toEqual([
      "20021 /rules/0/action_parameters/from_list/name rules[0].action_parameters.from_list.name: list office is a ip list, not a redirect list",
      "20021 /rules/1/expression rules[1].expression: filter parsing error: unknown list $missing",
      "20021 /rules/1/action_parameters/from_list/name rules[1].action_parameters.from_list.name: list missing does not exist",
    ]);
    const ruleset = (await ctx.client.rulesets.phases.update("http_request_redirect", { account_id, rules: [bulk("old_site")] } as never)) as unknown as { kind: string; rules: unknown[] };
    expect(ruleset).toMatchObject({ kind: "root", rules: [bulk("old_site")] });
    const deleting = await ctx.raw("DELETE", `/accounts/${account_id}/rules/lists/${redirects.id}`);
    expect(errors(deleting)).toEqual(["10031  filters.api.ip_list_in_use: list old_site is referenced by 1 rule"]);
  });
});
