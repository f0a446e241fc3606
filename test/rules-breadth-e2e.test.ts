// Acceptance of issue 25, end to end against the emulator through the CLI, for the six Rules keys
// (url_rewrites, request_headers, response_headers, origin_rules, config_rules, compression_rules)
// and bulk redirects (a redirect list with enabled: true), driven by one table: apply (one
// entrypoint PUT per phase), re-plan empty, an edit through the SDK per row shows as drift on its
// field, apply restores them, `import --zone --lists` round-trips; bad input is refused at its file,
// line and column with nothing sent.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type Cloudflare from "cloudflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../src/emulator/index.ts";
import { createNativeEngine } from "../src/engines/native/index.ts";
import { bulkPoll } from "../src/kinds/list/native.ts";
import { silentLogger } from "../src/shared/logger.ts";
import { redirectList } from "../bench/all-kinds-workload.ts";
import { benchStack } from "../bench/native-workload.ts";
import { emulatorWith, removeRepo, runMain, runOptions, sdk, tempRepo, token, type CliRun } from "./native-support.ts";

const zone = "example.org";
const zoneFile = [
  `zone: ${zone}`,
  "url_rewrites:",
  "  - ref: v1-to-api",
  "    description: /v1 moved to /api/v1",
  '    expression: starts_with(http.request.uri.path, "/v1/")',
  `    path: { expression: 'regex_replace(http.request.uri.path, "^/v1/", "/api/v1/")' }`,
  '    query: { value: "from=v1" }',
  "request_headers:",
  "  - ref: tag-country",
  "    description: tell the origin the country",
  '    expression: "true"',
  "    set: { X-Client-Country: { expression: ip.src.country }, X-Env: { value: prod } }",
  "    remove: [X-Debug]",
  "response_headers:",
  "  - ref: hsts",
  "    description: HSTS everywhere",
  '    expression: "true"',
  '    set: { Strict-Transport-Security: { value: "max-age=31536000; includeSubDomains" } }',
  '    add: { Link: { value: "</style.css>; rel=preload" } }',
  "    remove: [X-Powered-By]",
  "origin_rules:",
  "  - ref: api-origin",
  "    description: api to the backend",
  `    expression: http.host eq "api.${zone}"`,
  "    host_header: backend.example.net",
  `    origin: { host: backend.${zone}, port: 8443 }`,
  "    sni: backend.example.net",
  "config_rules:",
  "  - ref: admin-strict",
  "    description: no Rocket Loader on admin",
  '    expression: starts_with(http.request.uri.path, "/admin")',
  "    settings: { rocket_loader: false, security_level: high }",
  "compression_rules:",
  "  - ref: zstd-html",
  "    description: zstd first for HTML",
  '    expression: http.response.content_type.media_type eq "text/html"',
  "    algorithms: [zstd, brotli, gzip]",
  "",
].join("\n");
const listFile = [
  "list: old_site",
  "kind: redirect",
  "description: the old site's pages",
  "enabled: true",
  "items:",
  `  - { source: ${zone}/old, target: "https://${zone}/new" }`,
  `  - { source: ${zone}/blog, target: "https://blog.${zone}/", status: 308, subpath_matching: true, preserve_path_suffix: true }`,
  "",
].join("\n");
const stackFile = "engine: native\n";

interface Doc {
  changes: { kind: string; id: string; op: string; fields: string[] }[];
  diagnostics: { file: string; line: number; column: number; severity: string; code: string; message: string }[];
}

/** One phase's rules rewritten through the SDK, as someone in the dashboard would. */
async function editZoneRule(client: Cloudflare, zoneId: string, phase: string, ref: string, params: (current: Record<string, unknown>) => Record<string, unknown>): Promise<void> {
  const ruleset = await client.rulesets.phases.get(phase as never, { zone_id: zoneId });
  const rules = (ruleset.rules as unknown as Record<string, unknown>[]).map(({ id, ref: ruleRef, description, expression, action, enabled, action_parameters }) => ({
    id, ref: ruleRef, description, expression, action, enabled,
    action_parameters: ruleRef === ref ? params(action_parameters as Record<string, unknown>) : action_parameters,
  }));
  await client.rulesets.phases.update(phase as never, { zone_id: zoneId, rules } as never);
}

type Edit = (client: Cloudflare, zoneId: string, accountId: string) => Promise<void>;

// kind, change id, the field the edit changes, the edit
const rows: [string, string, string, Edit][] = [
  ["url-rewrite-rule", `${zone}/url_rewrites/v1-to-api`, "query", (c, z) => editZoneRule(c, z, "http_request_transform", "v1-to-api", (p) => ({ uri: { ...(p.uri as object), query: { value: "from=dashboard" } } }))],
  ["request-header-rule", `${zone}/request_headers/tag-country`, "set", (c, z) => editZoneRule(c, z, "http_request_late_transform", "tag-country", (p) => ({ headers: { ...(p.headers as object), "X-Env": { operation: "set", value: "staging" } } }))],
  ["response-header-rule", `${zone}/response_headers/hsts`, "remove", (c, z) => editZoneRule(c, z, "http_response_headers_transform", "hsts", (p) => ({ headers: { ...(p.headers as object), Server: { operation: "remove" } } }))],
  ["origin-rule", `${zone}/origin_rules/api-origin`, "origin", (c, z) => editZoneRule(c, z, "http_request_origin", "api-origin", (p) => ({ ...p, origin: { host: `backend.${zone}`, port: 9443 } }))],
  ["config-rule", `${zone}/config_rules/admin-strict`, "rocket_loader", (c, z) => editZoneRule(c, z, "http_config_settings", "admin-strict", (p) => ({ ...p, rocket_loader: true }))],
  ["compression-rule", `${zone}/compression_rules/zstd-html`, "algorithms", (c, z) => editZoneRule(c, z, "http_response_compression", "zstd-html", () => ({ algorithms: [{ name: "gzip" }] }))],
  ["list", "lists/old_site", "items", async (c, _z, account) => {
    const list = (await c.rules.lists.list({ account_id: account })).result.find((l) => l.name === "old_site")!;
    await c.rules.lists.items.create(list.id, { account_id: account, body: [{ redirect: { source_url: `${zone}/hand`, target_url: `https://${zone}/made` } }] } as never);
  }],
  ["list", "lists/old_site/redirect-rule", "enabled", async (c, _z, account) => {
    const ruleset = await c.rulesets.phases.get("http_request_redirect", { account_id: account });
    const rules = (ruleset.rules as unknown as Record<string, unknown>[]).map(({ id, ref, description, expression, action, action_parameters }) => ({ id, ref, description, expression, action, action_parameters, enabled: false }));
    await c.rulesets.phases.update("http_request_redirect", { account_id: account, rules } as never);
  }],
];

describe("issue 25: the Rules keys and bulk redirects against the emulator (CLI)", () => {
  let emulator: RunningEmulator;
  let client: Cloudflare;
  let root: string;
  let zoneId: string;
  const cli = (...args: string[]): Promise<CliRun> => runMain(args, { cwd: root, emulator });

  beforeAll(async () => {
    emulator = await emulatorWith([zone]);
    client = sdk(emulator);
    zoneId = (await client.zones.list({ name: zone })).result[0]!.id;
    root = await tempRepo({ "stacks/default.yaml": stackFile, [`desired-state/zones/${zone}.yaml`]: zoneFile, "desired-state/lists/old_site.yaml": listFile });
  });
  afterAll(async () => {
    await emulator.close();
    await removeRepo(root);
  });

  it("applies every key and the redirect list with one entrypoint PUT per phase, then plans nothing", async () => {
    const applied = await cli("apply", "--yes");
    expect(applied.stderr).toBe("");
    expect(applied.code).toBe(0);
    const writes = emulator.stats().requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.route}`);
    expect(writes.filter((w) => w === "PUT /zones/{zone_id}/rulesets/phases/{ruleset_phase}/entrypoint")).toHaveLength(6);
    expect(writes.filter((w) => w === "PUT /accounts/{account_id}/rulesets/phases/{ruleset_phase}/entrypoint")).toHaveLength(1);
    // the list and its items exist before the rule that turns them on
    expect(writes.indexOf("PUT /accounts/{account_id}/rules/lists/{list_id}/items")).toBeLessThan(writes.indexOf("PUT /accounts/{account_id}/rulesets/phases/{ruleset_phase}/entrypoint"));
    const plan = await cli("plan", "--detailed-exitcode", "--format", "json");
    expect((JSON.parse(plan.stdout) as Doc).changes).toEqual([]);
    expect(plan.code).toBe(0);
  }, 60_000);

  it("reports each edit made through the API as drift on its field, and apply restores them all", async () => {
    for (const [, , , edit] of rows) await edit(client, zoneId, emulator.accountId);
    const drift = await cli("drift", "--detailed-exitcode", "--format", "json");
    expect(drift.code).toBe(2);
    const changes = (JSON.parse(drift.stdout) as Doc).changes.map((c) => `${c.op} ${c.kind} ${c.id} ${c.fields.join(",")}`);
    expect(changes.sort()).toEqual(rows.map(([kind, id, field]) => `update ${kind} ${id} ${field}`).sort());
    expect((await cli("apply", "--yes")).code).toBe(0);
    const clean = await cli("drift", "--detailed-exitcode");
    expect(clean.stdout).toContain("No drift");
    expect(clean.code).toBe(0);
  }, 90_000);

  it("import --zone --lists into an empty repository writes every key and the redirect list, which plan nothing", async () => {
    const fresh = await tempRepo({ "stacks/default.yaml": stackFile });
    try {
      const imported = await runMain(["import", "--zone", zone, "--lists"], { cwd: fresh, emulator });
      expect(imported.stderr).toBe("");
      expect(imported.code).toBe(0);
      expect(imported.stdout).toContain("wrote desired-state/lists/old_site.yaml: 2 item(s), enabled");
      const text = await readFile(join(fresh, `desired-state/zones/${zone}.yaml`), "utf8");
      for (const key of ["url_rewrites:", "request_headers:", "response_headers:", "origin_rules:", "config_rules:", "compression_rules:", "X-Client-Country:", "host_header: backend.example.net", "rocket_loader: false", "- zstd"]) expect(text).toContain(key);
      const list = await readFile(join(fresh, "desired-state/lists/old_site.yaml"), "utf8");
      expect(list).toContain("kind: redirect\n");
      expect(list).toContain("enabled: true\n");
      const plan = await runMain(["plan", "--detailed-exitcode", "--format", "json"], { cwd: fresh, emulator });
      const doc = JSON.parse(plan.stdout) as Doc;
      expect(doc.diagnostics).toEqual([]);
      expect(doc.changes).toEqual([]);
      expect(plan.code).toBe(0);
    } finally {
      await removeRepo(fresh);
    }
  }, 60_000);

  it("refuses bad input at its file, line and column, all at once, and sends nothing", async () => {
    const badZone = zoneFile
      .replace('expression: starts_with(http.request.uri.path, "/v1/")', "expression: cf.bot_management.score lt 30")
      .replace("X-Env: { value: prod }", "X-Forwarded-For: { value: 192.0.2.1 }");
    const badList = listFile.replace("status: 308", "status: 303").replace(`source: ${zone}/blog`, `source: ${zone}/old`);
    const broken = await tempRepo({ "stacks/default.yaml": stackFile, [`desired-state/zones/${zone}.yaml`]: badZone, "desired-state/lists/old_site.yaml": badList });
    try {
      const at = (text: string, needle: string, from = 0) => {
        const lines = text.split("\n");
        const line = lines.findIndex((candidate, index) => index >= from && candidate.includes(needle));
        return { line: line + 1, column: lines[line]!.indexOf(needle) + 1 };
      };
      const result = await runMain(["validate", "--format", "json"], { cwd: broken });
      expect(result.code).toBe(1);
      const found = (JSON.parse(result.stdout) as Doc).diagnostics.map(({ file, line, column, code }) => ({ file, line, column, code }));
      const zonePath = `desired-state/zones/${zone}.yaml`;
      expect(found).toEqual(expect.arrayContaining([
        { file: zonePath, ...at(badZone, "cf.bot_management.score"), code: "url-rewrite-expression-syntax" },
        { file: zonePath, ...at(badZone, "X-Forwarded-For"), code: "request-header-header-not-allowed" },
        { file: "desired-state/lists/old_site.yaml", ...at(badList, "303"), code: "list-redirect-status" },
      ]));
      expect(found).toHaveLength(3); // the item with a bad status is not also counted as a duplicate
      const duplicate = badList.replace("status: 303", "status: 302");
      const dupRepo = await tempRepo({ "stacks/default.yaml": stackFile, "desired-state/lists/old_site.yaml": duplicate });
      try {
        const dup = JSON.parse((await runMain(["validate", "--format", "json"], { cwd: dupRepo })).stdout) as Doc;
        expect(dup.diagnostics.map(({ file, line, column, code }) => ({ file, line, column, code }))).toEqual([{ file: "desired-state/lists/old_site.yaml", ...at(duplicate, `${zone}/old`, 6), code: "list-duplicate-item" }]);
      } finally {
        await removeRepo(dupRepo);
      }
      const writesBefore = emulator.stats().writes;
      const apply = await runMain(["apply", "--yes"], { cwd: broken, emulator });
      expect(apply.code).toBe(1);
      expect(emulator.stats().writes).toBe(writesBefore);
    } finally {
      await removeRepo(broken);
    }
  }, 60_000);
});

describe("a 10,000-item redirect list", () => {
  it("applies in a bounded number of requests (one bulk items PUT, polled, one entrypoint PUT), then plans nothing", async () => {
    const emulator = await emulatorWith([]);
    const saved = { ...bulkPoll };
    Object.assign(bulkPoll, { delayMs: 5, maxDelayMs: 20 });
    try {
      // Cloudflare answers the items write with an operation that completes later: here after 2 status reads
      emulator.setFaults({ bulkOperations: { polls: 2 } });
      const engine = createNativeEngine({ apiToken: token, baseUrl: emulator.baseUrl, accountId: emulator.accountId, log: silentLogger() });
      const desired = { dir: "desired-state", zones: [], services: [], lists: [redirectList(10_000)] };
      const applied = await engine.apply(desired, runOptions(benchStack(), { approve: async () => true }));
      expect(applied.error).toBeUndefined();
      const used = emulator.stats().requests.map((r) => `${r.method} ${r.route}`);
      expect(used).toEqual([
        "GET /zones",
        "GET /accounts/{account_id}/rules/lists",
        "GET /accounts/{account_id}/rulesets/phases/{ruleset_phase}/entrypoint",
        "POST /accounts/{account_id}/rules/lists",
        "PUT /accounts/{account_id}/rules/lists/{list_id}/items",
        "GET /accounts/{account_id}/rules/lists/bulk_operations/{operation_id}",
        "GET /accounts/{account_id}/rules/lists/bulk_operations/{operation_id}",
        "GET /accounts/{account_id}/rules/lists/bulk_operations/{operation_id}",
        "PUT /accounts/{account_id}/rulesets/phases/{ruleset_phase}/entrypoint",
      ]);
      const client = sdk(emulator);
      const list = (await client.rules.lists.list({ account_id: emulator.accountId })).result[0]!;
      expect(list).toMatchObject({ kind: "redirect", num_items: 10_000, num_referencing_filters: 1 });
      emulator.setFaults({});
      expect((await engine.plan(desired, runOptions(benchStack()))).changes).toEqual([]);
    } finally {
      Object.assign(bulkPoll, saved);
      await emulator.close();
    }
  }, 60_000);
});
