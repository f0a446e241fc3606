// The Access family through the real SDK: applications, reusable policies and groups created,
// listed, updated and deleted in the SDK's shapes (an application lists its policies inline);
// refused as Cloudflare refuses them (access.api.error.invalid_request, 12130): a domain outside the
// account's zones, a second application for one domain, a policy or group without include, a rule
// naming a group that does not exist; a policy or group still in use is not deleted; a service
// token's secret is in its create response only; everything is kept in the state file.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Cloudflare from "cloudflare";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator } from "../../index.ts";
import { startWithClient, validateCaptured, type EmulatorClient } from "../../../../test/support/emulator-client.ts";

const running: EmulatorClient[] = [];
afterEach(async () => {
  for (const ctx of running.splice(0)) {
    validateCaptured(ctx.captured);
    await ctx.emulator.close();
  }
});

async function start(): Promise<{ ctx: EmulatorClient; account_id: string; base: string }> {
  const ctx = await startWithClient({ zones: ["example.com"] });
  running.push(ctx);
  return { ctx, account_id: ctx.emulator.accountId, base: `/accounts/${ctx.emulator.accountId}/access` };
}

const code = (response: { body: Record<string, unknown> }) => (response.body.errors as { code: number; message: string }[])[0]!;

describe("Access family", () => {
  it("creates, lists, updates and deletes groups, policies and applications in the SDK's shapes", async () => {
    const { ctx, account_id } = await start();
    const access = ctx.client.zeroTrust.access;
    const group = await access.groups.create({ account_id, name: "family", include: [{ email: { email: "me@example.com" } }] });
    expect(group).toMatchObject({ id: expect.any(String), name: "family", include: [{ email: { email: "me@example.com" } }], exclude: [], require: [] });
    const policy = await access.policies.create({ account_id, name: "grafana (cf-gitops)", decision: "allow", include: [{ group: { id: group.id! } }], require: [{ geo: { country_code: "DE" } }] });
    expect(policy).toMatchObject({ name: "grafana (cf-gitops)", decision: "allow", reusable: true, app_count: 0 });
    const app = (await access.applications.create({ account_id, type: "self_hosted", name: "grafana", domain: "grafana.example.com", session_duration: "12h", policies: [{ id: policy.id!, precedence: 1 }] } as never)) as unknown as Record<string, unknown>;
    expect(app).toMatchObject({ type: "self_hosted", name: "grafana", domain: "grafana.example.com", session_duration: "12h", aud: expect.stringMatching(/^[0-9a-f]{64}$/), self_hosted_domains: ["grafana.example.com"] });
    expect(app.policies).toEqual([expect.objectContaining({ id: policy.id, name: "grafana (cf-gitops)", precedence: 1, app_count: 1 })]);
    const updated = (await access.applications.update(String(app.id), { account_id, type: "self_hosted", domain: "grafana.example.com", name: "grafana", session_duration: "24h", policies: [{ id: policy.id!, precedence: 1 }] } as never)) as unknown as Record<string, unknown>;
    expect([updated.id, updated.aud, updated.session_duration]).toEqual([app.id, app.aud, "24h"]);
    expect((await access.applications.list({ account_id })).result).toHaveLength(1);
    expect(await access.applications.delete(String(app.id), { account_id })).toEqual({ id: app.id });
    expect(await access.policies.delete(policy.id!, { account_id })).toEqual({ id: policy.id });
    expect(await access.groups.delete(group.id!, { account_id })).toEqual({ id: group.id });
  });

  it.each([
    ["a domain in none of the account's zones", { type: "self_hosted", domain: "grafana.example.net" }, 400, /^access\.api\.error\.invalid_request: domain does not belong to zone$/],
    ["no type", { domain: "grafana.example.com" }, 400, /^access\.api\.error\.invalid_request: app type is missing or invalid$/],
    ["no domain", { type: "self_hosted" }, 400, /domain is required/],
    ["a session duration that is not one", { type: "self_hosted", domain: "a.example.com", session_duration: "a day" }, 400, /session_duration/],
    ["a policy that does not exist", { type: "self_hosted", domain: "a.example.com", policies: [{ id: "00000000-0000-0000-0000-000000000000" }] }, 404, /policy .* does not exist/],
  ])("refuses an application with %s (12130), and keeps nothing", async (_what, body, status, message) => {
    const { ctx, base, account_id } = await start();
    const response = await ctx.raw("POST", `${base}/apps`, body);
    expect(response.status).toBe(status);
    expect(code(response).code).toBe(12130);
    expect(code(response).message).toMatch(message);
    expect((await ctx.client.zeroTrust.access.applications.list({ account_id })).result).toEqual([]);
  });

  it("refuses a second application for one domain, on create and on update", async () => {
    const { ctx, base } = await start();
    const first = await ctx.raw("POST", `${base}/apps`, { type: "self_hosted", domain: "grafana.example.com" });
    const other = await ctx.raw("POST", `${base}/apps`, { type: "self_hosted", domain: "wiki.example.com" });
    const twin = await ctx.raw("POST", `${base}/apps`, { type: "self_hosted", domain: "Grafana.example.com" });
    expect([twin.status, code(twin).code, code(twin).message]).toEqual([409, 12130, "access.api.error.invalid_request: an application for Grafana.example.com already exists (grafana.example.com)"]);
    const moved = await ctx.raw("PUT", `${base}/apps/${String((other.body.result as { id: string }).id)}`, { type: "self_hosted", domain: "grafana.example.com" });
    expect(moved.status).toBe(409);
    expect((first.body.result as { domain: string }).domain).toBe("grafana.example.com");
  });

  it.each([
    ["a policy without include", "policies", { name: "p", decision: "allow", include: [] }, /needs at least one include rule/],
    ["a policy with a decision Access does not have", "policies", { name: "p", decision: "maybe", include: [{ everyone: {} }] }, /decision must be one of/],
    ["a group without include", "groups", { name: "g" }, /needs at least one include rule/],
    ["a rule naming a group that does not exist", "policies", { name: "p", decision: "allow", include: [{ group: { id: "00000000-0000-0000-0000-000000000000" } }] }, /group .* does not exist/],
    ["a rule with two types", "groups", { name: "g", include: [{ email: { email: "a@example.com" }, ip: { ip: "192.0.2.1/32" } }] }, /one rule type/],
    ["a country that is not an ISO code", "groups", { name: "g", include: [{ geo: { country_code: "Germany" } }] }, /ISO 3166-1/],
  ])("refuses %s (12130)", async (_what, collection, body, message) => {
    const { ctx, base } = await start();
    const response = await ctx.raw("POST", `${base}/${collection}`, body);
    expect(code(response).code).toBe(12130);
    expect(code(response).message).toMatch(message);
    expect((await ctx.raw("GET", `${base}/${collection}`)).body.result).toEqual([]);
  });

  it("does not delete a policy an application links, or a group a policy names", async () => {
    const { ctx, base, account_id } = await start();
    const access = ctx.client.zeroTrust.access;
    const group = await access.groups.create({ account_id, name: "family", include: [{ email: { email: "me@example.com" } }] });
    const policy = await access.policies.create({ account_id, name: "p", decision: "allow", include: [{ group: { id: group.id! } }] });
    await access.applications.create({ account_id, type: "self_hosted", domain: "grafana.example.com", policies: [{ id: policy.id!, precedence: 1 }] } as never);
    const policyGone = await ctx.raw("DELETE", `${base}/policies/${policy.id!}`);
    expect([policyGone.status, code(policyGone).message]).toEqual([409, "access.api.error.invalid_request: policy p is used by 1 application(s) (grafana.example.com); remove it from them first"]);
    const groupGone = await ctx.raw("DELETE", `${base}/groups/${group.id!}`);
    expect([groupGone.status, code(groupGone).message]).toEqual([409, "access.api.error.invalid_request: group family is used by policy p; remove it from them first"]);
  });

  it("shows a service token's secret in its create response only, and keeps Access in the state file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cf-emulator-access-"));
    try {
      const first = await startEmulator({ statePath: join(dir, "state.json"), zones: ["example.com"] });
      const client = new Cloudflare({ apiToken: "t", baseURL: first.baseUrl, maxRetries: 0 });
      const account_id = first.accountId;
      const token = await client.zeroTrust.access.serviceTokens.create({ account_id, name: "ci" });
      expect(token.client_secret).toMatch(/^[0-9a-f]{64}$/);
      const listed = (await client.zeroTrust.access.serviceTokens.list({ account_id })).result;
      expect(listed.map((item) => item.name)).toEqual(["ci"]);
      expect(JSON.stringify(listed)).not.toContain(token.client_secret!);
      await client.zeroTrust.access.groups.create({ account_id, name: "ci", include: [{ service_token: { token_id: token.id! } }] });
      await first.close();
      expect(await readFile(join(dir, "state.json"), "utf8")).not.toContain(token.client_secret!);
      const second = await startEmulator({ statePath: join(dir, "state.json") });
      const again = new Cloudflare({ apiToken: "t", baseURL: second.baseUrl, maxRetries: 0 });
      expect((await again.zeroTrust.access.groups.list({ account_id })).result.map((group) => group.name)).toEqual(["ci"]);
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
