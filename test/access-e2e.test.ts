// Issue 24 acceptance, end to end through the CLI against the emulator (native engine, one
// emulator for the file): a service with access: is planned in one change list with its DNS record
// and ingress rule (the PR comment renders them), applied with one write per change (the Access
// objects before the CNAME and the ingress rule), and the application, policy and group exist as
// the API serves them; re-plan is empty; outside edits of the session duration and of a policy's
// e-mail list are drift on those fields, named after who made them, and apply restores them;
// `import --access` round-trips; bad input is refused at its file and line with nothing sent;
// removing the service removes its application and policy after its CNAME and ingress rule.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import Cloudflare from "cloudflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../src/emulator/index.ts";
import { emulatorWith, removeRepo, runMain, sdk, tempRepo, writeFiles, type CliRun } from "./native-support.ts";

const aliceToken = "alice-token-0123456789abcdefghijklmnopqrstuvwxyz";
const stack = "engine: native\ntunnels:\n  home-pi: {}\n";
const zone = "zone: example.com\ndns: []\n";
const grafana = (extra = "") =>
  [
    "service: grafana",
    "hostname: grafana.example.com",
    "origin: http://localhost:3000",
    "tunnel: home-pi",
    "access:",
    "  session_duration: 12h",
    "  allow:",
    "    - email: me@example.com",
    "    - group: family",
    "  require:",
    "    - country: DE",
    "  deny:",
    "    - ip: 198.51.100.0/24",
    extra,
  ].join("\n");
const family = "group: family\ninclude:\n  - email: [me@example.com, partner@example.com]\n";
const files = { "stacks/default.yaml": stack, "desired-state/zones/example.com.yaml": zone, "desired-state/services/grafana.yaml": grafana(), "desired-state/access/groups/family.yaml": family };

interface JsonChange {
  kind: string;
  id: string;
  op: string;
  fields: string[];
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  changedBy?: { actor: string };
}

let emulator: RunningEmulator;
let client: Cloudflare;
let root: string;
let accountId: string;
const cli = (...args: string[]): Promise<CliRun> => runMain(args, { cwd: root, emulator });
let setupWrites = 0;
const writes = () => emulator.stats().requests.filter((r) => r.method !== "GET").slice(setupWrites).map((r) => `${r.method} ${r.route}`);
const signature = (changes: JsonChange[]) => changes.map((c) => `${c.op} ${c.kind} ${c.id}`);

beforeAll(async () => {
  emulator = await emulatorWith(["example.com"], { users: { [aliceToken]: "alice@example.com" } });
  client = sdk(emulator);
  accountId = emulator.accountId;
  await client.zeroTrust.tunnels.cloudflared.create({ account_id: accountId, name: "home-pi", config_src: "cloudflare" });
  root = await tempRepo(files);
  setupWrites = writes().length;
});

afterAll(async () => {
  await emulator.close();
  await removeRepo(root);
});

describe("a service behind Cloudflare Access (native engine, CLI, emulator)", () => {
  it("plans the Access objects in one change list with the CNAME and the ingress rule, and the PR comment renders their rules", async () => {
    const plan = await cli("plan", "--format", "json");
    expect(plan.code).toBe(0);
    const changes = (JSON.parse(plan.stdout) as { changes: JsonChange[] }).changes;
    // the gate first: Access before the hostname resolves and routes
    expect(signature(changes)).toEqual([
      "create access-group access/groups/family",
      "create access-policy access/policies/grafana",
      "create access-application access/apps/grafana.example.com",
      "create dns-record example.com/dns/grafana/CNAME",
      "create tunnel-service services/grafana",
    ]);
    expect(changes[1]!.after).toEqual({ name: "grafana (cf-gitops)", decision: "allow", include: [{ email: "me@example.com" }, { group: "family" }], require: [{ country: "DE" }], exclude: [{ ip: "198.51.100.0/24" }] });
    expect(changes[2]!.after).toEqual({ name: "grafana", domain: "grafana.example.com", type: "self_hosted", session_duration: "12h", policies: ["grafana (cf-gitops)"] });
    const markdown = (await cli("plan", "--format", "markdown")).stdout;
    for (const text of ["access-application", "access/apps/grafana.example.com", "access-policy", "me@example.com", "198.51.100.0/24", "example.com/dns/grafana/CNAME", "services/grafana"]) expect(markdown).toContain(text);
    expect(writes()).toEqual([]);
  });

  it("applies with one write per change, and the application, policy and group are as the API serves them; re-plan is empty", async () => {
    expect((await cli("apply", "--yes")).code).toBe(0);
    expect(writes()).toEqual([
      "POST /accounts/{account_id}/access/groups",
      "POST /accounts/{account_id}/access/policies",
      "POST /accounts/{account_id}/access/apps",
      "POST /zones/{zone_id}/dns_records/batch",
      "PUT /accounts/{account_id}/cfd_tunnel/{tunnel_id}/configurations",
    ]);
    const access = client.zeroTrust.access;
    const [group] = (await access.groups.list({ account_id: accountId })).result;
    expect(group).toMatchObject({ name: "family", include: [{ email: { email: "me@example.com" } }, { email: { email: "partner@example.com" } }] });
    const [policy] = (await access.policies.list({ account_id: accountId })).result;
    expect(policy).toMatchObject({ name: "grafana (cf-gitops)", decision: "allow", include: [{ email: { email: "me@example.com" } }, { group: { id: group!.id } }], require: [{ geo: { country_code: "DE" } }], exclude: [{ ip: { ip: "198.51.100.0/24" } }], app_count: 1 });
    const [app] = (await access.applications.list({ account_id: accountId })).result as unknown as Record<string, unknown>[];
    expect(app).toMatchObject({ type: "self_hosted", name: "grafana", domain: "grafana.example.com", session_duration: "12h", policies: [{ id: policy!.id, name: "grafana (cf-gitops)", precedence: 1 }] });
    expect((await cli("plan", "--detailed-exitcode")).code).toBe(0);
  }, 60_000);

  it("reports an outside edit of the session duration and of a policy's e-mail list as drift on those fields, with who made it; apply restores them", async () => {
    const alice = new Cloudflare({ apiToken: aliceToken, baseURL: emulator.baseUrl, maxRetries: 0 });
    const [app] = (await client.zeroTrust.access.applications.list({ account_id: accountId })).result as unknown as Record<string, unknown>[];
    const links = (app!.policies as { id: string; precedence: number }[]).map(({ id, precedence }) => ({ id, precedence }));
    await alice.zeroTrust.access.applications.update(String(app!.id), { account_id: accountId, ...app, session_duration: "720h", policies: links } as never);
    const [policy] = (await client.zeroTrust.access.policies.list({ account_id: accountId })).result;
    await alice.zeroTrust.access.policies.update(policy!.id!, { account_id: accountId, name: policy!.name!, decision: "allow", include: [...(policy!.include ?? []), { email: { email: "intruder@example.net" } }], require: policy!.require, exclude: policy!.exclude } as never);

    const drift = await cli("drift", "--detailed-exitcode", "--format", "json");
    expect(drift.code).toBe(2);
    const changes = (JSON.parse(drift.stdout) as { changes: JsonChange[] }).changes;
    expect(changes.map((c) => `${c.op} ${c.id} [${c.fields.join(",")}] ${c.changedBy?.actor ?? "?"}`)).toEqual([
      "update access/policies/grafana [include] alice@example.com",
      "update access/apps/grafana.example.com [session_duration] alice@example.com",
    ]);
    expect(changes[0]!.before!.include).toContainEqual({ email: "intruder@example.net" });
    expect(changes[0]!.after!.include).not.toContainEqual({ email: "intruder@example.net" });
    expect([changes[1]!.before!.session_duration, changes[1]!.after!.session_duration]).toEqual(["720h", "12h"]);

    const before = writes().length;
    expect((await cli("apply", "--yes")).code).toBe(0);
    expect(writes().slice(before)).toEqual(["PUT /accounts/{account_id}/access/policies/{policy_id}", "PUT /accounts/{account_id}/access/apps/{app_id}"]);
    expect((await cli("drift", "--detailed-exitcode")).code).toBe(0);
  }, 60_000);

  it("import --access writes the group file and the access: block, and the plan after it is empty", async () => {
    const fresh = await tempRepo({ "stacks/default.yaml": stack, "desired-state/zones/example.com.yaml": zone, "desired-state/services/grafana.yaml": "service: grafana\nhostname: grafana.example.com\norigin: http://localhost:3000   # Grafana\ntunnel: home-pi\n" });
    try {
      const imported = await runMain(["import", "--access"], { cwd: fresh, emulator });
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.stdout).toContain("wrote desired-state/access/groups/family.yaml");
      expect(imported.stdout).toContain("wrote desired-state/services/grafana.yaml");
      expect(await readFile(join(fresh, "desired-state/access/groups/family.yaml"), "utf8")).toContain("group: family\ninclude:\n  - email:\n      - me@example.com\n      - partner@example.com\n");
      const service = await readFile(join(fresh, "desired-state/services/grafana.yaml"), "utf8");
      expect(service).toContain("origin: http://localhost:3000 # Grafana\n");
      expect(service).toContain("access:\n  session_duration: 12h\n  allow:\n    - email: me@example.com\n    - group: family\n  require:\n    - country: DE\n  deny:\n    - ip: 198.51.100.0/24\n");
      const plan = await runMain(["plan", "--detailed-exitcode"], { cwd: fresh, emulator });
      expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    } finally {
      await removeRepo(fresh);
    }
  }, 60_000);

  it("refuses bad input at its file and line, all at once, and sends nothing", async () => {
    await writeFiles(root, {
      "desired-state/services/grafana.yaml": grafana("    - github: my-org\n"),
      "desired-state/services/wiki.yaml": "service: wiki\nhostname: wiki.example.net\norigin: http://localhost:3001\ntunnel: home-pi\naccess:\n  allow:\n    - group: famly\n",
      "desired-state/services/blog.yaml": "service: blog\nhostname: blog.example.com\norigin: http://localhost:3002\ntunnel: home-pi\naccess:\n  public: true\n  allow:\n    - everyone\n",
    });
    const before = emulator.stats().requests.length;
    const applied = await cli("apply", "--yes");
    expect(applied.code).toBe(1);
    const output = `${applied.stdout}${applied.stderr}`;
    expect(output).toContain('desired-state/services/grafana.yaml:14:7: error access-rule-unknown: unknown Access rule type "github" in deny');
    expect(output).toContain("cf-gitops supports email, email_domain, everyone, ip, country, group, service_token and login_method");
    expect(output).toContain('desired-state/services/wiki.yaml:7:14: error access-group-unknown: service "wiki" uses group "famly", which does not exist');
    expect(output).toContain('did you mean "family"?');
    expect(output).toContain("desired-state/services/wiki.yaml:2:11: error service-hostname-outside-zones: hostname wiki.example.net is in none of the declared zones (example.com); its Access application needs a domain in one of the zones as well");
    expect(output).toContain('desired-state/services/blog.yaml:6:11: error access-public-with-rules: service "blog": public: true says it is open to everyone, so it takes no allow');
    expect(emulator.stats().requests.length).toBe(before);
  });

  it("removing the service deletes its application and policy after its CNAME and ingress rule; a group still in use cannot go", async () => {
    await writeFiles(root, { "desired-state/services/grafana.yaml": grafana() });
    await removeRepo(join(root, "desired-state/services/wiki.yaml"));
    await removeRepo(join(root, "desired-state/services/blog.yaml"));
    await removeRepo(join(root, "desired-state/access/groups/family.yaml"));
    const refused = await cli("plan");
    expect(refused.code).toBe(1);
    expect(`${refused.stdout}${refused.stderr}`).toContain('desired-state/services/grafana.yaml:9:14: error access-group-unknown: service "grafana" uses group "family", which does not exist');

    await removeRepo(join(root, "desired-state/services/grafana.yaml"));
    await writeFiles(root, { "desired-state/access/groups/family.yaml": family, "desired-state/services/other.yaml": "service: other\nhostname: other.example.com\norigin: http://localhost:3003\ntunnel: home-pi\naccess:\n  public: true\n" });
    const plan = await cli("plan", "--format", "json");
    const changes = (JSON.parse(plan.stdout) as { changes: JsonChange[] }).changes;
    expect(signature(changes)).toEqual([
      "delete dns-record example.com/dns/grafana/CNAME",
      "create dns-record example.com/dns/other/CNAME",
      "delete tunnel-service services/grafana.example.com",
      "create tunnel-service services/other",
      "delete access-application access/apps/grafana.example.com",
      "delete access-policy access/policies/grafana",
    ]);
    expect((await cli("apply", "--yes")).code).toBe(0);
    expect((await client.zeroTrust.access.applications.list({ account_id: accountId })).result).toEqual([]);
    expect((await client.zeroTrust.access.policies.list({ account_id: accountId })).result).toEqual([]);
    expect((await client.zeroTrust.access.groups.list({ account_id: accountId })).result.map((group) => group.name)).toEqual(["family"]);
    expect((await cli("plan", "--detailed-exitcode")).code).toBe(0);
  }, 60_000);
});
