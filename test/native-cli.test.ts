// The native CLI commands in-process: invalid input, policy gate, confirmation, tunnels, zone
// creation, doctor and purge. Each checks the message AND that nothing was written.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../src/emulator/index.ts";
import { emulatorWith, removeRepo, runMain, sdk, tempRepo, writeFiles } from "./native-support.ts";

const records = Array.from({ length: 12 }, (_, i) => `  - { name: h${i}, type: A, content: 192.0.2.${i + 1}, ttl: 300 }`).join("\n");
const zoneFile = (dns: string) => `zone: cli.example\nsettings: { ssl: strict, always_use_https: on, min_tls_version: "1.2" }\ndns:\n${dns}\n  - { name: "@", type: CAA, data: { flags: 0, tag: issue, value: letsencrypt.org } }\n`;

describe("native CLI commands", () => {
  let emulator: RunningEmulator;
  let root: string;
  beforeAll(async () => {
    emulator = await emulatorWith(["cli.example"]);
  });
  beforeEach(async () => {
    emulator.reset();
    root = await tempRepo({ "stacks/default.yaml": "engine: native\ntunnels: { home-pi: {} }\n", "desired-state/zones/cli.example.yaml": zoneFile(records) });
  });
  afterAll(async () => {
    await emulator.close();
    await removeRepo(root);
  });
  const cli = (args: string[], extra: Parameters<typeof runMain>[1] extends infer O ? Partial<O> : never = {}) => runMain(args, { cwd: root, emulator, ...extra });

  it("prints diagnostics and exits 1 on invalid input, before any API call", async () => {
    await writeFiles(root, { "desired-state/zones/cli.example.yaml": "zone: cli.example\ndns:\n  - { name: www, type: A, content: not-an-ip }\n" });
    const text = await cli(["plan"]);
    expect(text.code).toBe(1);
    expect(text.stderr).toContain("desired-state/zones/cli.example.yaml:3");
    expect(text.stderr).toContain("nothing was sent to Cloudflare");
    const json = await cli(["plan", "--format", "json"]);
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.stdout) as { diagnostics: { file: string; line: number }[]; changes: unknown[] };
    expect(doc.diagnostics[0]).toMatchObject({ file: "desired-state/zones/cli.example.yaml", line: 3 });
    expect(doc.changes).toEqual([]);
    expect(emulator.stats().total).toBe(0);
  });

  it("asks on a terminal and applies only on yes", async () => {
    const no = await cli(["apply"], { tty: true, input: "n\n" });
    expect(no.code).toBe(1);
    expect(no.stdout).toMatch(/\+ dns-record dns\/h0\/A {2}\(desired-state\/zones\/cli.example.yaml:\d+:\d+\)\n {6}proxied=false ttl=300 content="192.0.2.1"\n/);
    expect(no.stderr).toContain("Apply these changes? [y/N]");
    expect(emulator.stats().writes).toBe(0);
    const yes = await cli(["apply"], { tty: true, input: "y\n" });
    expect(yes.code).toBe(0);
    expect(yes.stdout).toContain("Applied 16 change(s).");
    expect((await cli(["plan", "--detailed-exitcode"])).code).toBe(0);
  });

  it("refuses an apply that a mandatory policy blocks (emptied zone file), before any write", async () => {
    expect((await cli(["apply", "--yes"])).code).toBe(0);
    await writeFiles(root, { "desired-state/zones/cli.example.yaml": zoneFile("") });
    const plan = await cli(["plan", "--detailed-exitcode"]);
    expect(plan.code).toBe(1);
    expect(plan.stdout).toContain("max-deletions");
    const writes = emulator.stats().writes;
    const apply = await cli(["apply", "--yes"]);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain("a mandatory policy failed; nothing was applied");
    expect(emulator.stats().writes).toBe(writes);
  });

  it("names a missing zone with a hint, and creates it first only with create_zones: true", async () => {
    await writeFiles(root, { "desired-state/zones/new.example.yaml": "zone: new.example\ndns:\n  - { name: www, type: A, content: 192.0.2.9 }\n" });
    const missing = await cli(["plan"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("error: zone new.example not found in the Cloudflare account");
    expect(missing.stderr).toContain("create_zones: true");
    expect(emulator.stats().writes).toBe(0);
    await writeFiles(root, { "stacks/default.yaml": "engine: native\ncreate_zones: true\n" });
    const plan = await cli(["plan", "--format", "json"]);
    const doc = JSON.parse(plan.stdout) as { changes: { kind: string; id: string; op: string }[] };
    expect(doc.changes[0]).toMatchObject({ kind: "zone", id: "new.example", op: "create" });
    expect((await cli(["apply", "--yes"])).code).toBe(0);
    expect((await cli(["drift", "--detailed-exitcode"])).code).toBe(0);
  });

  it("resolves tunnels by name, publishes a service as ingress + CNAME, and explains a missing tunnel", async () => {
    await writeFiles(root, { "desired-state/services/app.yaml": "service: app\nhostname: app.cli.example\norigin: http://localhost:8080\ntunnel: home-pi\n" });
    const missing = await cli(["plan"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('tunnel "home-pi"');
    expect(missing.stderr).toContain("cloudflared tunnel create home-pi");
    const client = sdk(emulator);
    const tunnel = await client.zeroTrust.tunnels.cloudflared.create({ account_id: emulator.accountId, name: "home-pi", config_src: "cloudflare" });
    const plan = await cli(["plan"]);
    expect(plan.stdout).toContain("+ dns-record dns/app/CNAME");
    expect(plan.stdout).toContain(`content="${tunnel.id}.cfargotunnel.com"`);
    expect(plan.stdout).toContain("+ tunnel-service services/app");
    expect((await cli(["apply", "--yes"])).code).toBe(0);
    const config = await client.zeroTrust.tunnels.cloudflared.configurations.get(tunnel.id!, { account_id: emulator.accountId });
    expect(config.config?.ingress).toEqual([{ hostname: "app.cli.example", service: "http://localhost:8080" }, { service: "http_status:404" }]);
    expect((await cli(["drift", "--detailed-exitcode"])).code).toBe(0);
  });

  it("doctor checks the token, zones and desired zones; purge needs exactly one target", async () => {
    const doctor = await cli(["doctor"], { env: { PATH: "/nonexistent" } });
    expect(doctor.stdout).toContain("ok    token is active");
    expect(doctor.stdout).toContain("zones visible: cli.example");
    expect(doctor.stdout).toContain("ok    cli.example: readable: DNS records, zone settings, firewall rules");
    expect(doctor.stdout).toContain("warn  pulumi CLI not found on PATH (only the pulumi engine needs it)");
    expect(doctor.stdout).toContain("ok    desired zone cli.example exists");
    expect(doctor.code).toBe(0);
    const bad = await cli(["purge", "--zone", "cli.example"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("exactly one of --host, --url or --everything");
    const purge = await cli(["purge", "--zone", "cli.example", "--url", "https://cli.example/a.css", "--url", "https://cli.example/b.css"]);
    expect(purge.stdout).toContain("purged 2 URL(s) from the cache of cli.example");
    expect(emulator.stats().requests.some((r) => r.method === "POST" && r.route.endsWith("/purge_cache"))).toBe(true);
  });

  it("doctor still reports the local checks when the API cannot be reached", async () => {
    const doctor = await cli(["doctor"], { env: { PATH: "/nonexistent", CLOUDFLARE_BASE_URL: "http://127.0.0.1:9/client/v4" } });
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain("FAIL  token: could not reach the Cloudflare API");
    expect(doctor.stdout).toContain("warn  pulumi CLI not found on PATH");
    expect(doctor.stdout).toContain("1 problem(s) found");
  });

  it("fails clearly without a token", async () => {
    const result = await cli(["plan"], { env: { CLOUDFLARE_API_TOKEN: "" } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("CLOUDFLARE_API_TOKEN is not set");
  });
});
