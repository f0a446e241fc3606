import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadDesiredState, loadStack } from "./index.ts";

const repo = join(import.meta.dirname, "..", "..");

describe("loadDesiredState on the shipped example", async () => {
  const { stack } = await loadStack(repo);
  const { state, diagnostics } = await loadDesiredState("desired-state", { root: repo, ...(stack ? { stack } : {}) });
  const com = state.zones.find((zone) => zone.zone === "example.com")!;

  it("is valid and complete", () => {
    expect(diagnostics).toEqual([]);
    expect(state.zones.map((zone) => zone.zone)).toEqual(["example.com", "example.net"]);
    const records = state.zones.flatMap((zone) => zone.dns ?? []);
    expect(records.length).toBeGreaterThanOrEqual(25);
    expect(new Set(records.map((record) => record.type))).toEqual(new Set(["A", "AAAA", "CNAME", "MX", "TXT", "SRV", "CAA"]));
    expect(com.firewall?.map((rule) => rule.ref)).toEqual(["skip-uptime-monitor", "block-bad-bots", "challenge-admin"]);
    expect(state.services.map((service) => service.hostname).sort()).toEqual(["git.example.com", "grafana.example.com", "home.example.com", "status.example.com"]);
    // every example service says who may reach it: Access (the family group, or one address) or public
    expect(state.services.map((service) => `${service.service} ${service.access?.public ? "public" : service.access?.allow.map((rule) => `${rule.type}:${rule.values.join(",")}`).join(" ")}`).sort()).toEqual([
      "git public",
      "grafana group:family",
      "home-assistant group:family",
      "status email:me@example.com",
    ]);
    expect(state.accessGroups?.map((group) => group.group)).toEqual(["family"]);
  });

  it("normalises setting values to Cloudflare's API form", () => {
    expect(com.settings?.values).toMatchObject({ ssl: "strict", min_tls_version: "1.2", always_use_https: "on", development_mode: "off", browser_cache_ttl: 14400 });
    expect(com.settings?.sources.ssl).toMatchObject({ file: "desired-state/zones/example.com.yaml", line: 6, column: 8 });
  });

  it("keeps a TXT record longer than 255 bytes as plain text, with its position", () => {
    const dkim = com.dns!.find((record) => record.name === "mail._domainkey")!;
    expect(dkim.content!.length).toBeGreaterThan(255);
    expect(dkim.fqdn).toBe("mail._domainkey.example.com");
    expect(dkim.ttl).toBe(1);
    expect(dkim.source.file).toBe("desired-state/zones/example.com.yaml");
  });

  it("reads the folded firewall expression as one line", () => {
    expect(com.firewall![1]!.expression).toBe('(http.user_agent contains "BadBot") or (lower(http.user_agent) contains "evilscraper")');
  });
});

describe("loadDesiredState options", () => {
  it("reads only the stack's include globs and reports warnings without failing", async () => {
    const root = await mkdtemp(join(tmpdir(), "cfgitops-load-"));
    try {
      await mkdir(join(root, "ds", "zones"), { recursive: true });
      await mkdir(join(root, "ds", "drafts"), { recursive: true });
      await writeFile(join(root, "ds", "zones", "example.com.yaml"), "zone: example.com\ndns:\n  - { name: _acme-challenge, type: TXT, content: x }\nignore:\n  - { name: _acme-challenge*, type: TXT }\n");
      await writeFile(join(root, "ds", "drafts", "broken.yaml"), "zone: [\n");
      const all = await loadDesiredState("ds", { root });
      expect(all.diagnostics.map((d) => d.code)).toEqual(["yaml-syntax", "dns-record-ignored"]);
      const stack = { ...(await loadStack(repo)).stack!, desired_state: { dir: "ds", include: ["zones/*.yaml"] } };
      const some = await loadDesiredState("ds", { root, stack });
      expect(some.diagnostics).toEqual([expect.objectContaining({ code: "dns-record-ignored", severity: "warning", line: 3, column: 5 })]);
      expect(some.state.zones[0]!.ignore).toEqual([{ name: "_acme-challenge*", type: "TXT" }]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
