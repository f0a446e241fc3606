// Acceptance of issue 14, per kind, end to end against the emulator through the CLI: lists,
// rate-limiting rules, cache rules and redirects are applied and then plan nothing; an edit made
// through the SDK is reported by `drift --detailed-exitcode` (exit 2) naming the object and field;
// apply restores it; `import --zone --lists` into an empty repository round-trips (plan empty); an
// undeclared $list fails validation at its own line and column.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type Cloudflare from "cloudflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../src/emulator/index.ts";
import { emulatorWith, removeRepo, runCli, runMain, sdk, tempRepo, type CliRun } from "./native-support.ts";

const zone = "example.org";
const zoneFile = [
  `zone: ${zone}`,
  "firewall:",
  "  - ref: office-admin",
  '    expression: (starts_with(http.request.uri.path, "/admin") and not ip.src in $office_ips)',
  "    action: managed_challenge",
  "rate_limits:",
  "  - ref: login-burst",
  "    description: Slow down login bursts",
  '    expression: (http.request.uri.path eq "/login")',
  "    characteristics: [cf.colo.id, ip.src]",
  "    period: 60",
  "    requests_per_period: 20",
  "    mitigation_timeout: 600",
  "    action: block",
  "cache_rules:",
  "  - ref: static-assets",
  "    description: Cache static assets for a day at the edge",
  '    expression: (http.request.uri.path.extension in {"css" "js" "png"})',
  "    cache: true",
  "    edge_ttl: { mode: override_origin, default: 86400 }",
  "    browser_ttl: { mode: respect_origin }",
  "redirects:",
  "  - ref: www-to-apex",
  "    description: www to apex",
  `    expression: (http.host eq "www.${zone}")`,
  `    target_url: { expression: 'concat("https://${zone}", http.request.uri.path)' }`,
  "    status_code: 301",
  "    preserve_query_string: true",
  "  - ref: old-docs",
  '    expression: (http.request.uri.path eq "/docs")',
  `    target_url: { value: "https://docs.${zone}/" }`,
  "",
].join("\n");
const listFile = ["list: office_ips", "kind: ip", "description: Office egress", "items:", "  - { ip: 203.0.113.0/24, comment: HQ }", "  - 198.51.100.7", ""].join("\n");
const stackFile = "engine: native\n";

interface DriftDoc {
  changes: { kind: string; id: string; op: string; fields: string[]; before: Record<string, unknown>; after: Record<string, unknown> }[];
}

/** Rewrites one rule of a phase's entrypoint through the SDK, as someone in the dashboard would. */
async function editRule(client: Cloudflare, zoneId: string, phase: string, ref: string, edit: (rule: Record<string, unknown>) => Record<string, unknown>): Promise<void> {
  const ruleset = await client.rulesets.phases.get(phase as never, { zone_id: zoneId });
  const rules = (ruleset.rules as unknown as Record<string, unknown>[]).map((rule) => {
    const { id, ref: ruleRef, description, expression, action, enabled, action_parameters, ratelimit } = rule;
    const input = { id, ref: ruleRef, description, expression, action, enabled, ...(action_parameters ? { action_parameters } : {}), ...(ratelimit ? { ratelimit } : {}) };
    return ruleRef === ref ? edit(input) : input;
  });
  await client.rulesets.phases.update(phase as never, { zone_id: zoneId, rules } as never);
}

describe("issue 14 kinds against the emulator (CLI)", () => {
  let emulator: RunningEmulator;
  let client: Cloudflare;
  let root: string;
  let zoneId: string;
  const cli = (...args: string[]): Promise<CliRun> => runMain(args, { cwd: root, emulator });

  beforeAll(async () => {
    emulator = await emulatorWith([zone]);
    client = sdk(emulator);
    zoneId = (await client.zones.list({ name: zone })).result[0]!.id;
    root = await tempRepo({ "stacks/default.yaml": stackFile, [`desired-state/zones/${zone}.yaml`]: zoneFile, "desired-state/lists/office_ips.yaml": listFile });
  });
  afterAll(async () => {
    await emulator.close();
    await removeRepo(root);
  });

  it("applies every kind, the list before the rule that uses it, then plans nothing", async () => {
    const applied = await cli("apply", "--yes");
    expect(applied.stderr).toBe("");
    expect(applied.code).toBe(0);
    const writes = emulator.stats().requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.route}`);
    expect(writes.indexOf("POST /accounts/{account_id}/rules/lists")).toBeLessThan(writes.indexOf("PUT /zones/{zone_id}/rulesets/phases/{ruleset_phase}/entrypoint"));
    // one PUT per phase entrypoint, one list create and one bulk item replace (polled until done)
    expect(writes.filter((w) => w.endsWith("/entrypoint"))).toHaveLength(4);
    expect(writes.filter((w) => w === "PUT /accounts/{account_id}/rules/lists/{list_id}/items")).toHaveLength(1);
    expect(emulator.stats().requests.some((r) => r.route.endsWith("/bulk_operations/{operation_id}"))).toBe(true);
    const plan = await cli("plan", "--detailed-exitcode", "--format", "json");
    expect(JSON.parse(plan.stdout).changes).toEqual([]);
    expect(plan.code).toBe(0);
  }, 60_000);

  const edits: [string, string, string, (client: Cloudflare, zoneId: string, accountId: string) => Promise<void>][] = [
    ["list", "lists/office_ips", "items", async (c, _zone, accountId) => {
      const list = (await c.rules.lists.list({ account_id: accountId })).result.find((l) => l.name === "office_ips")!;
      await c.rules.lists.items.create(list.id, { account_id: accountId, body: [{ ip: "192.0.2.99", comment: "added by hand" }] });
    }],
    ["rate-limit-rule", `${zone}/rate_limits/login-burst`, "period", (c, id) =>
      editRule(c, id, "http_ratelimit", "login-burst", (rule) => ({ ...rule, ratelimit: { ...(rule.ratelimit as object), period: 10, mitigation_expression: "" } }))],
    ["cache-rule", `${zone}/cache_rules/static-assets`, "edge_ttl", (c, id) =>
      editRule(c, id, "http_request_cache_settings", "static-assets", (rule) => ({ ...rule, action_parameters: { ...(rule.action_parameters as object), edge_ttl: { mode: "override_origin", default: 3600 } } }))],
    ["redirect-rule", `${zone}/redirects/old-docs`, "status_code", (c, id) =>
      editRule(c, id, "http_request_dynamic_redirect", "old-docs", (rule) => ({ ...rule, action_parameters: { from_value: { target_url: { value: `https://docs.${zone}/` }, status_code: 302 } } }))],
  ];

  it.each(edits)("%s: an edit through the API is drift (exit 2, %s %s); apply restores it", async (kind, id, field, edit) => {
    await edit(client, zoneId, emulator.accountId);
    const drift = await cli("drift", "--detailed-exitcode", "--format", "json");
    expect(drift.code).toBe(2);
    const doc = JSON.parse(drift.stdout) as DriftDoc;
    expect(doc.changes.map((c) => `${c.op} ${c.kind} ${c.id} ${c.fields.join(",")}`)).toEqual([`update ${kind} ${id} ${field}`]);
    expect(JSON.stringify(doc.changes[0]!.before[field])).not.toBe(JSON.stringify(doc.changes[0]!.after[field]));
    const text = await cli("drift");
    expect(text.stdout).toContain(id.replace(`${zone}/`, ""));
    expect(text.stdout).toMatch(new RegExp(`\\n {6}${field}: `));
    expect((await cli("apply", "--yes")).code).toBe(0);
    const clean = await cli("drift", "--detailed-exitcode");
    expect(clean.stdout).toContain("No drift");
    expect(clean.code).toBe(0);
  }, 60_000);

  it("drift as a real process: exit 2 naming the ref and the field", async () => {
    await editRule(client, zoneId, "http_ratelimit", "login-burst", (rule) => ({ ...rule, ratelimit: { ...(rule.ratelimit as object), requests_per_period: 99 } }));
    const drift = await runCli(["drift", "--detailed-exitcode"], { cwd: root, emulator });
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain("~ rate-limit-rule rate_limits/login-burst");
    expect(drift.stdout).toContain("requests_per_period: 99 -> 20");
    expect((await cli("apply", "--yes")).code).toBe(0);
  }, 60_000);

  it("import --zone --lists into an empty repository writes files that plan nothing", async () => {
    const fresh = await tempRepo({ "stacks/default.yaml": stackFile });
    try {
      const imported = await runMain(["import", "--zone", zone, "--lists"], { cwd: fresh, emulator });
      expect(imported.stderr).toBe("");
      expect(imported.code).toBe(0);
      expect(imported.stdout).toContain(`wrote desired-state/zones/${zone}.yaml:`);
      expect(imported.stdout).toContain("1 rate-limiting rule(s), 1 cache rule(s), 2 redirect rule(s)");
      expect(imported.stdout).toContain("wrote desired-state/lists/office_ips.yaml: 2 item(s)");
      expect(imported.stdout).toMatch(/pulumi import cloudflare:index\/list:List 'lists\/office_ips' '[0-9a-f]{32}\/[0-9a-f]{32}'/);
      expect(imported.stdout.match(/cloudflare:index\/ruleset:Ruleset/g)).toHaveLength(4);
      const text = await readFile(join(fresh, `desired-state/zones/${zone}.yaml`), "utf8");
      for (const key of ["rate_limits:", "cache_rules:", "redirects:", "  - ref: login-burst", "period: 60", "edge_ttl:", "target_url:"]) expect(text).toContain(key);
      const list = await readFile(join(fresh, "desired-state/lists/office_ips.yaml"), "utf8");
      expect(list).toContain("# yaml-language-server: $schema=../../node_modules/cf-gitops/schemas/list.schema.json"); // where a configuration repository has them
      expect(list).toContain("- 198.51.100.7\n");
      const plan = await runMain(["plan", "--detailed-exitcode", "--format", "json"], { cwd: fresh, emulator });
      const doc = JSON.parse(plan.stdout) as { changes: unknown[]; diagnostics: unknown[] };
      expect(doc.diagnostics).toEqual([]);
      expect(doc.changes).toEqual([]);
      expect(plan.code).toBe(0);
      const again = await runMain(["import", "--lists"], { cwd: fresh, emulator });
      expect(again.code).toBe(1);
      expect(again.stderr).toContain("desired-state/lists/office_ips.yaml already exists");
    } finally {
      await removeRepo(fresh);
    }
  }, 60_000);

  it("an undeclared $list fails validation at its own line and column, and nothing is applied", async () => {
    const bad = zoneFile.replace("$office_ips", "$office_ip");
    const broken = await tempRepo({ "stacks/default.yaml": stackFile, [`desired-state/zones/${zone}.yaml`]: bad, "desired-state/lists/office_ips.yaml": listFile });
    try {
      const line = bad.split("\n").findIndex((text) => text.includes("$office_ip")) + 1;
      const column = bad.split("\n")[line - 1]!.indexOf("$office_ip") + 1;
      const result = await runMain(["validate", "--format", "json"], { cwd: broken });
      expect(result.code).toBe(1);
      const doc = JSON.parse(result.stdout) as { diagnostics: { file: string; line: number; column: number; code: string; message: string; hint?: string }[] };
      expect(doc.diagnostics).toEqual([
        { file: `desired-state/zones/${zone}.yaml`, line, column, severity: "error", code: "list-undeclared", message: "$office_ip is not a declared list", hint: "did you mean $office_ips?" },
      ]);
      const writesBefore = emulator.stats().writes;
      const apply = await runMain(["apply", "--yes"], { cwd: broken, emulator });
      expect(apply.code).toBe(1);
      expect(emulator.stats().writes).toBe(writesBefore);
    } finally {
      await removeRepo(broken);
    }
  }, 60_000);
});
