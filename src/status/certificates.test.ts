import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, type Server } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DesiredState } from "../desired-state/types.ts";
import { certificateTargets, checkCertificate, checkCertificates } from "./certificates.ts";
import { createMetrics } from "./metrics.ts";

let dir: string;
let server: Server;
let port: number;
const seenServerNames: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cfg-cert-"));
  // A self-signed certificate valid for 30 days, made with the openssl CLI (node:crypto cannot create X.509).
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"),
    "-days", "30", "-subj", "/O=cf-gitops test CA/CN=www.example.test"], { stdio: "ignore" });
  server = createServer({ key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")), SNICallback: (name, callback) => {
    seenServerNames.push(name);
    callback(null);
  } }, (socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("checkCertificate", () => {
  it("reads the expiry of a self-signed certificate over a real handshake, sending SNI", async () => {
    const status = await checkCertificate({ hostname: "www.example.test", address: "127.0.0.1", port });
    const expected = execFileSync("openssl", ["x509", "-enddate", "-noout", "-in", join(dir, "cert.pem")], { encoding: "utf8" }).trim().replace("notAfter=", "");
    expect(status.error).toBeUndefined();
    expect(status.validTo).toBe(new Date(expected).toISOString());
    expect(Date.parse(status.validTo!) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(status.issuer).toBe("cf-gitops test CA");
    expect(status.port).toBe(port);
    expect(seenServerNames).toContain("www.example.test");
  });

  it("reports a refused connection and a silent server as errors, within the timeout", async () => {
    const closed = createNetServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    const silent = await checkCertificate({ hostname: "silent.test", address: "127.0.0.1", port: closedPort }, { timeoutMs: 300 });
    expect(silent.error).toMatch(/no TLS handshake within 300 ms/);
    closed.close();
    const refused = await checkCertificate({ hostname: "gone.test", address: "127.0.0.1", port: closedPort }, { timeoutMs: 2000 });
    expect(refused.error).toMatch(/ECONNREFUSED/);
    expect(refused.validTo).toBeUndefined();
  });

  it("records the expiry metric for every reachable host", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const results = await checkCertificates([{ hostname: "www.example.test", address: "127.0.0.1", port }], metrics);
    const text = await metrics.registry.metrics();
    expect(text).toContain(`cfgitops_certificate_expiry_timestamp_seconds{hostname="www.example.test"} ${Date.parse(results[0]!.validTo!) / 1000}`);
  });
});

describe("certificateTargets", () => {
  const desired = {
    dir: "desired-state",
    zones: [{ zone: "example.com", dns: [
      { fqdn: "www.example.com", proxied: true }, { fqdn: "mail.example.com", proxied: false }, { fqdn: "*.example.com", proxied: true },
    ] }],
    services: [{ hostname: "grafana.example.com" }, { hostname: "WWW.example.com" }],
  } as unknown as DesiredState;

  it("defaults to proxied names and tunnel hostnames, deduplicated, without wildcards", () => {
    expect(certificateTargets(desired, { certificates: { enabled: true, port: 443 } }).map((t) => t.hostname)).toEqual(["grafana.example.com", "www.example.com"]);
  });

  it("uses the configured hostnames, or none when disabled", () => {
    expect(certificateTargets(desired, { certificates: { enabled: true, hostnames: ["a.example.com"], port: 8443 } })).toEqual([{ hostname: "a.example.com", port: 8443 }]);
    expect(certificateTargets(desired, { certificates: { enabled: false, port: 443 } })).toEqual([]);
  });
});
