// Issue 11 item 14, product side, end to end against the emulator: DNS records Cloudflare accepts and
// serves that cf-gitops used to reject, send wrongly or plan forever. Each is applied with
// `cf-gitops apply`, checked as Cloudflare stores it, and then re-planned: the plan must be empty.
//
// What Cloudflare documents, case by case:
// - null MX (RFC 7505: content ".", preference 0). Cloudflare's record-type docs take an MX target
//   as a host name; "." is the root name, which Cloudflare stores and serves as given.
// - IDN: "Domain names are always represented in Punycode, even if Unicode characters were used when
//   creating the record" (the API reference, and the `cloudflare` SDK's dns.records docs).
// - HTTPS/SVCB `data.value` and NAPTR `data.regex` are optional strings in the API schema (only the
//   priority/target and order/preference/replacement carry meaning on their own; RFC 9460 allows a
//   record without SvcParams, RFC 3403 a NAPTR with an empty regexp when a replacement is given).
// - "NS records cannot exist on the same name as any other record type" (API reference), and the
//   DS of a delegated child sits beside its NS records: "Create NS records for the subdomain...
//   If the delegated nameserver has DNSSEC enabled, add the DS record in Cloudflare"
//   (developers.cloudflare.com/dns/manage-dns-records/how-to/subdomains-outside-cloudflare/). A DS
//   means "this child is signed", so it goes in after the delegation and out before it.
import type Cloudflare from "cloudflare";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../src/emulator/index.ts";
import { emulatorWith, removeRepo, runMain, sdk, tempRepo, writeFiles } from "./native-support.ts";

let emulator: RunningEmulator;
let client: Cloudflare;
let root: string;
let zoneId: string;

const stack = "engine: native\n";
const zoneFile = (records: string[]): string => ["zone: example.com", "dns:", ...records.map((r) => `  - ${r}`), ""].join("\n");
const ds = "{ key_tag: 2371, algorithm: 13, digest_type: 2, digest: 1F987CCC7D3FB8AA7EE7C4C4B8FD4F2FA6CA2E4C2FBB5E5D3C0F3F0E5B3A7E1C }";

beforeEach(async () => {
  emulator = await emulatorWith(["example.com"]);
  client = sdk(emulator);
  zoneId = (await client.zones.list({ name: "example.com" })).result[0]!.id;
  // protected-records guards NS records by default; these tests delete a delegation on purpose.
  root = await tempRepo({ "stacks/default.yaml": stack, "policies/policy.yaml": "policies:\n  protected-records: { level: advisory }\n" });
});

afterEach(async () => {
  await emulator.close();
  await removeRepo(root);
});

const cli = (...args: string[]) => runMain(args, { cwd: root, emulator });

async function applyThenReplan(records: string[]): Promise<{ applied: string; plan: string }> {
  await writeFiles(root, { "desired-state/zones/example.com.yaml": zoneFile(records) });
  const applied = await cli("apply", "--yes");
  expect(applied.stderr).toBe("");
  expect(applied.code).toBe(0);
  const plan = await cli("plan", "--detailed-exitcode");
  expect(plan.stdout).toContain("No changes.");
  expect(plan.code).toBe(0);
  return { applied: applied.stdout, plan: plan.stdout };
}

async function live(): Promise<Record<string, unknown>[]> {
  return (await client.dns.records.list({ zone_id: zoneId, per_page: 100 })).result as unknown as Record<string, unknown>[];
}

describe("null MX (RFC 7505)", () => {
  it("applies content \".\" with priority 0 at a label and at the apex, then plans nothing", async () => {
    await applyThenReplan(['{ name: nomail, type: MX, content: ".", priority: 0 }', '{ name: "@", type: MX, content: ".", priority: 0 }']);
    expect((await live()).map((r) => [r.name, r.type, r.content, r.priority]).sort()).toEqual([
      ["example.com", "MX", ".", 0],
      ["nomail.example.com", "MX", ".", 0],
    ]);
  });
});

describe("internationalised names and targets", () => {
  const unicode = [
    "{ name: ööö, type: A, content: 192.0.2.1 }",
    "{ name: 中文, type: TXT, content: hello }",
    "{ name: alias, type: CNAME, content: ööö.com }",
    '{ name: "@", type: MX, content: mail.ööö.com, priority: 10 }',
  ];

  it("validates, applies in Punycode, plans nothing, and shows both spellings in the plan", async () => {
    await writeFiles(root, { "desired-state/zones/example.com.yaml": zoneFile(unicode) });
    const plan = await cli("plan");
    expect(plan.stderr).toBe("");
    expect(plan.stdout).toContain("+ dns-record dns/xn--ndaaa/A");
    expect(plan.stdout).toContain('name_unicode="ööö.example.com"');
    expect(plan.stdout).toContain('content_unicode="ööö.com"');
    await applyThenReplan(unicode);
    expect((await live()).map((r) => `${r.name} ${r.type} ${r.content}`).sort()).toEqual([
      "alias.example.com CNAME xn--ndaaa.com",
      "example.com MX mail.xn--ndaaa.com",
      "xn--fiq228c.example.com TXT \"hello\"",
      "xn--ndaaa.example.com A 192.0.2.1",
    ]);
  });

  it("plans the Punycode spelling in the YAML as a no-op against what Unicode created, and the other way round", async () => {
    await applyThenReplan(unicode);
    await writeFiles(root, {
      "desired-state/zones/example.com.yaml": zoneFile([
        "{ name: xn--ndaaa, type: A, content: 192.0.2.1 }",
        "{ name: xn--fiq228c, type: TXT, content: hello }",
        "{ name: alias, type: CNAME, content: xn--ndaaa.com }",
        '{ name: "@", type: MX, content: MAIL.XN--NDAAA.COM., priority: 10 }',
      ]),
    });
    const plan = await cli("plan", "--detailed-exitcode");
    expect(plan.stdout).toContain("No changes.");
    expect(plan.code).toBe(0);
  });

  it("reports a label that has no Punycode form, with its position, and applies nothing", async () => {
    await writeFiles(root, { "desired-state/zones/example.com.yaml": zoneFile(["{ name: aא, type: A, content: 192.0.2.1 }"]) });
    const result = await cli("validate");
    expect(result.code).toBe(1);
    expect(result.stderr + result.stdout).toMatch(/example\.com\.yaml:3:\d+: error dns-name-invalid/);
    expect(await live()).toEqual([]);
  });
});

describe("structured records with empty fields", () => {
  it("applies HTTPS and SVCB with an empty value and NAPTR with an empty regex, then plans nothing", async () => {
    await applyThenReplan([
      '{ name: "@", type: HTTPS, data: { priority: 1, target: ".", value: "" } }',
      '{ name: _dns, type: SVCB, data: { priority: 0, target: svc.example.net, value: "" } }',
      '{ name: sip, type: NAPTR, data: { order: 100, preference: 10, flags: S, service: "SIP+D2U", regex: "", replacement: _sip._udp.example.com } }',
    ]);
    expect((await live()).map((r) => `${r.type} ${r.content}`).sort()).toEqual([
      "HTTPS 1 .",
      'NAPTR 100 10 "S" "SIP+D2U" "" _sip._udp.example.com',
      "SVCB 0 svc.example.net",
    ]);
  });

  it("sends the empty field as written (a recording proxy between the CLI and the emulator)", async () => {
    const sent: unknown[] = [];
    const proxy = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      if (request.url?.endsWith("/dns_records/batch")) sent.push(JSON.parse(body.toString()));
      const upstream = await fetch(`${new URL(emulator.baseUrl).origin}${request.url}`, {
        method: request.method!, headers: { authorization: String(request.headers.authorization), "content-type": "application/json" },
        ...(body.length > 0 ? { body } : {}),
      });
      response.writeHead(upstream.status, { "content-type": "application/json" }).end(Buffer.from(await upstream.arrayBuffer()));
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    try {
      await writeFiles(root, {
        "desired-state/zones/example.com.yaml": zoneFile([
          '{ name: "@", type: HTTPS, data: { priority: 1, target: ".", value: "" } }',
          '{ name: sip, type: NAPTR, data: { order: 100, preference: 10, flags: S, service: "SIP+D2U", regex: "", replacement: _sip._udp.example.com } }',
        ]),
      });
      const baseUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/client/v4`;
      expect((await runMain(["apply", "--yes"], { cwd: root, env: { CLOUDFLARE_BASE_URL: baseUrl } })).code).toBe(0);
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
    const posts = (sent as { posts?: { type: string; data: Record<string, unknown> }[] }[]).flatMap((batch) => batch.posts ?? []);
    expect(posts.map((post) => [post.type, post.data.value ?? post.data.regex])).toEqual([["HTTPS", ""], ["NAPTR", ""]]);
  });

  it("also plans nothing when the YAML leaves the empty field out", async () => {
    await applyThenReplan(['{ name: "@", type: HTTPS, data: { priority: 1, target: "." } }']);
  });
});

describe("DS with the NS records of a delegated child", () => {
  function dnsWrites(): string[] {
    return emulator.auditLog().filter((entry) => entry.resource === "dns_record").map((entry) => {
      const value = (entry.after ?? entry.before) as { type: string; name: string };
      return `${entry.action} ${value.type} ${value.name}`;
    });
  }

  it("validates NS and DS at one name, creates NS before DS, deletes DS before NS, and plans nothing in between", async () => {
    await applyThenReplan(["{ name: child, type: DS, data: " + ds + " }", "{ name: child, type: NS, content: ns1.child-dns.net }", "{ name: child, type: NS, content: ns2.child-dns.net }"]);
    expect(dnsWrites()).toEqual(["create NS child.example.com", "create NS child.example.com", "create DS child.example.com"]);
    expect((await live()).map((r) => r.type).sort()).toEqual(["DS", "NS", "NS"]);

    await applyThenReplan(['{ name: "@", type: TXT, content: "v=spf1 -all" }']);
    expect(dnsWrites().slice(3)).toEqual(["delete DS child.example.com", "delete NS child.example.com", "delete NS child.example.com", "create TXT example.com"]);
  });

  it("refuses any other type beside the NS records of a delegated name, and applies nothing", async () => {
    await writeFiles(root, {
      "desired-state/zones/example.com.yaml": zoneFile(["{ name: child, type: NS, content: ns1.child-dns.net }", "{ name: child, type: DS, data: " + ds + " }", "{ name: child, type: A, content: 192.0.2.1 }"]),
    });
    const result = await cli("apply", "--yes");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/example\.com\.yaml:5:\d+: error dns-ns-not-alone: .*child\.example\.com.*A record/);
    expect(await live()).toEqual([]);
  });
});
