// Profiles against the emulator (issue 26): three zones use two profiles; apply, re-plan empty; a
// commit edits a profile's TXT value and the plan changes it in all three zones, each line naming
// the profile's file and line; apply, re-plan empty. Then `import --use` and `profile extract`
// give zone files whose plans are empty, and bad profiles stop a run before any write.
import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../src/emulator/index.ts";
import { emulatorWith, removeRepo, requestCount, runMain, sdk, tempRepo, writeFiles, type CliRun } from "./native-support.ts";

const git = promisify(execFile);
const using = ["a.example", "b.example", "c.example"];
const imported = ["d.example", "e.example"];

const googleMail = [
  "profile: google-mail",
  "description: Google Workspace mail",
  "dns:",
  '  - { name: "@", type: MX, content: smtp.google.com, priority: 1 }',
  '  - { name: "@", type: TXT, content: "v=spf1 include:_spf.google.com ~all" }',
  '  - { name: _dmarc, type: TXT, content: "v=DMARC1; p=quarantine; rua=mailto:dmarc@{zone}" }',
  "",
].join("\n");

const baseline = [
  "profile: baseline-security",
  'settings: { ssl: strict, min_tls_version: "1.2", always_use_https: "on" }',
  "firewall:",
  "  - ref: block-bad-bots",
  "    description: known bad bots",
  '    expression: (http.user_agent contains "BadBot")',
  "    action: block",
  "",
].join("\n");

const zoneFile = (zone: string) => [`zone: ${zone}`, "use: [baseline-security, google-mail]", 'settings: { min_tls_version: "1.3" }', "dns:", `  - { name: www, type: A, content: 192.0.2.${using.indexOf(zone) + 1}, proxied: true }`, ""].join("\n");

// Every way to get a profile wrong, each in its own file: one run reports them all and sends nothing.
const bad = {
  "stacks/bad.yaml": "engine: native\ndesired_state: { dir: bad-state }\n",
  "bad-state/profiles/mail.yaml": 'profile: mail\nuse: [web]\ndns:\n  - { name: "@", type: MX, content: "mx.{zone}", priority: 1 }\n  - { name: "@", type: TXT, content: "v=spf1 include:{domain} -all" }\n',
  "bad-state/profiles/web.yaml": 'profile: web\ndns:\n  - { name: "@", type: MX, content: "mx.{zone}", priority: 1 }\nsetings: { ssl: strict }\n',
  "bad-state/zones/a.example.yaml": "zone: a.example\nuse: [mail, web, nope]\n",
};

describe("profiles against the emulator", () => {
  let emulator: RunningEmulator;
  let root: string;
  const cli = (...args: string[]): Promise<CliRun> => runMain(args, { cwd: root, emulator });
  const commit = async (message: string) => {
    await git("git", ["add", "-A"], { cwd: root });
    await git("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", message], { cwd: root });
  };
  const planJson = async () => {
    const run = await cli("plan", "--format", "json");
    expect(run.stderr).toBe("");
    return JSON.parse(run.stdout) as { changes: { id: string; zone: string; op: string; fields: string[]; source?: Record<string, unknown> }[]; diagnostics: unknown[] };
  };

  beforeAll(async () => {
    emulator = await emulatorWith([...using, ...imported]);
    root = await tempRepo({
      "stacks/default.yaml": "engine: native\ndesired_state: { dir: desired-state }\n",
      "desired-state/profiles/google-mail.yaml": googleMail,
      "desired-state/profiles/baseline-security.yaml": baseline,
      ...Object.fromEntries(using.map((zone) => [`desired-state/zones/${zone}.yaml`, zoneFile(zone)])),
    });
    await git("git", ["init", "-q", "-b", "main"], { cwd: root });
    await commit("three zones use two profiles");
  });
  afterAll(async () => {
    await emulator.close();
    await removeRepo(root);
  });

  it("applies three zones' profiles, then a profile edit changes all three, each line naming the profile's file and line", async () => {
    const first = await cli("apply", "--yes");
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect((await cli("plan", "--detailed-exitcode")).code).toBe(0);

    await writeFile(join(root, "desired-state/profiles/google-mail.yaml"), googleMail.replace("p=quarantine", "p=reject"));
    await commit("google-mail: DMARC p=reject");
    const plan = await planJson();
    expect(plan.diagnostics).toEqual([]);
    expect(plan.changes.map((change) => [change.zone, change.id, change.op, change.fields])).toEqual(using.map((zone) => [zone, `${zone}/dns/_dmarc/TXT`, "update", ["content"]]));
    for (const change of plan.changes) expect(change.source).toEqual({ file: "desired-state/profiles/google-mail.yaml", line: 6, column: 5, profile: "google-mail" });
    const text = (await cli("plan")).stdout;
    for (const zone of using) expect(text).toContain(`${zone}\n  ~ dns-record dns/_dmarc/TXT  (desired-state/profiles/google-mail.yaml:6:5, from profile google-mail)\n`);

    expect((await cli("apply", "--yes")).code).toBe(0);
    expect((await cli("plan", "--detailed-exitcode")).code).toBe(0);
    const client = sdk(emulator);
    const zoneId = (await client.zones.list({ name: "b.example" })).result[0]!.id;
    const [dmarc] = (await client.dns.records.list({ zone_id: zoneId, name: { exact: "_dmarc.b.example" } } as never)).result;
    expect(dmarc!.content).toBe('"v=DMARC1; p=reject; rua=mailto:dmarc@b.example"');

    // drift names the profile's line too; the next apply restores it
    await client.dns.records.edit(dmarc!.id, { zone_id: zoneId, content: "v=DMARC1; p=none" } as never);
    const drift = JSON.parse((await cli("drift", "--format", "json")).stdout) as { changes: { id: string; source?: unknown }[] };
    expect(drift.changes).toEqual([expect.objectContaining({ id: "b.example/dns/_dmarc/TXT", source: { file: "desired-state/profiles/google-mail.yaml", line: 6, column: 5, profile: "google-mail" } })]);
    expect((await cli("apply", "--yes")).code).toBe(0);
  });

  it("import --use writes only what the profiles do not give, and plans nothing", async () => {
    const run = await cli("import", "--zone", "c.example", "--use", "baseline-security,google-mail", "--force");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("left out");
    const text = await readFile(join(root, "desired-state/zones/c.example.yaml"), "utf8");
    expect(text).toContain("use: [ baseline-security, google-mail ]");
    expect(text).not.toContain("smtp.google.com");
    expect(text).not.toContain("block-bad-bots");
    expect(text).toContain("192.0.2.3");
    expect((await planJson()).changes).toEqual([]);
  });

  it("profile extract on two imported zones gives a profile and two shorter zone files, whose plan is empty", async () => {
    const client = sdk(emulator);
    for (const [index, zone] of imported.entries()) {
      const zoneId = (await client.zones.list({ name: zone })).result[0]!.id;
      for (const record of [
        { name: zone, type: "MX", content: "mx.mail.example.net", priority: 10 },
        { name: zone, type: "TXT", content: "v=spf1 include:mail.example.net -all" },
        { name: `_dmarc.${zone}`, type: "TXT", content: `v=DMARC1; p=none; rua=mailto:dmarc@${zone}` },
        { name: `www.${zone}`, type: "A", content: `198.51.100.${index + 1}` },
      ]) await client.dns.records.create({ zone_id: zoneId, ttl: 1, ...record } as never);
      expect((await cli("import", "--zone", zone)).code).toBe(0);
    }
    const before = await Promise.all(imported.map((zone) => readFile(join(root, `desired-state/zones/${zone}.yaml`), "utf8")));
    const run = await cli("profile", "extract", "--from", imported.join(","), "--name", "shared-mail");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const profile = await readFile(join(root, "desired-state/profiles/shared-mail.yaml"), "utf8");
    expect(profile).toContain("rua=mailto:dmarc@{zone}");
    expect(profile).toContain("mx.mail.example.net");
    for (const [index, zone] of imported.entries()) {
      const after = await readFile(join(root, `desired-state/zones/${zone}.yaml`), "utf8");
      expect(after.length).toBeLessThan(before[index]!.length);
      expect(after).toContain("use: [ shared-mail ]");
      expect(after).toContain(`198.51.100.${index + 1}`);
      expect(after).not.toContain("mx.mail.example.net");
    }
    const plan = await planJson();
    expect(plan.diagnostics).toEqual([]);
    expect(plan.changes).toEqual([]);
  });

  it("bad profiles are reported at every position involved, all at once, and nothing is sent", async () => {
    await writeFiles(root, bad);
    const writes = requestCount(emulator, /^(POST|PUT|PATCH|DELETE) /);
    const run = await cli("apply", "--stack", "bad", "--yes");
    expect(run.code).toBe(1);
    const at = (place: string, code: string) => expect(run.stderr).toContain(`bad-state/${place}: error ${code}`);
    at("zones/a.example.yaml:2:18", 'profile-unknown: unknown profile "nope"');
    at("profiles/mail.yaml:2:1", "profile-uses-profile: a profile cannot use other profiles");
    at("profiles/mail.yaml:5:54", "profile-placeholder-unknown: unknown placeholder {domain}");
    at("profiles/web.yaml:4:1", 'schema-unknown-key: unknown key "setings"');
    // the same record from two profiles: at both, each naming the other
    const conflict = '`dns:` the item with name "@", type "MX", content "mx.a.example" comes from both profile mail (bad-state/profiles/mail.yaml:4) and profile web (bad-state/profiles/web.yaml:3) (applied to zone a.example)';
    at("profiles/mail.yaml:4:5", `profile-conflict: ${conflict}`);
    at("profiles/web.yaml:3:5", `profile-conflict: ${conflict}`);
    expect(run.stderr).toContain("nothing was sent to Cloudflare");
    expect(requestCount(emulator, /^(POST|PUT|PATCH|DELETE) /)).toBe(writes);
  });
});
