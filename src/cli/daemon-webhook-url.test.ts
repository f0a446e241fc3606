import { describe, expect, it } from "vitest";
import { lanAddress, webhookLines } from "./daemon-webhook-url.ts";

describe("the webhook URL the daemon prints", () => {
  it("on 127.0.0.1 says GitHub cannot reach it, and to use --host 0.0.0.0", () => {
    const lines = webhookLines({ host: "127.0.0.1", port: 8080, secret: true });
    expect(lines.join("\n")).toBe(
      "webhook:     http://127.0.0.1:8080/webhooks/github is reachable from this machine only (--host 127.0.0.1), so GitHub cannot deliver to it;\n" +
        "             start with --host 0.0.0.0 and give GitHub an address it can reach, or rely on polling",
    );
  });

  it("on 0.0.0.0 names the LAN address and what GitHub needs; CFGITOPS_PUBLIC_URL wins", () => {
    expect(webhookLines({ host: "0.0.0.0", port: 8080, secret: true, lan: "192.168.1.20" })[0]).toBe("webhook:     http://192.168.1.20:8080/webhooks/github  (add it on GitHub: push events, application/json, the same secret)");
    expect(webhookLines({ host: "0.0.0.0", port: 8080, secret: true, lan: "192.168.1.20" })[1]).toContain("GitHub must reach that address from the internet");
    expect(webhookLines({ host: "::", port: 8080, secret: true, publicUrl: "https://cf-gitops.example.com/" })).toEqual(["webhook:     https://cf-gitops.example.com/webhooks/github  (CFGITOPS_PUBLIC_URL; add it on GitHub: push events, application/json, the same secret)"]);
    expect(webhookLines({ host: "fd00::2", port: 9000, secret: true })[0]).toContain("http://[fd00::2]:9000/webhooks/github");
  });

  it("without the secret says the webhook is off", () => {
    expect(webhookLines({ host: "0.0.0.0", port: 8080, secret: false })).toEqual(["webhook:     off (set CFGITOPS_WEBHOOK_SECRET to take GitHub push events); polling for new commits instead"]);
  });

  it("finds a non-internal IPv4 address", () => {
    const lo = { address: "127.0.0.1", family: "IPv4", internal: true, netmask: "255.0.0.0", mac: "00:00:00:00:00:00", cidr: null } as const;
    const eth = { ...lo, address: "192.168.1.20", internal: false, netmask: "255.255.255.0" } as const;
    expect(lanAddress({ lo: [lo], eth0: [eth] })).toBe("192.168.1.20");
    expect(lanAddress({ lo: [lo] })).toBeUndefined();
  });
});
