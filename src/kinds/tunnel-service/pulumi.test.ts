// The tunnel configuration keeps the state's spelling of originRequest where it only adds
// cloudflared's defaults, which the real API fills into every ingress rule (issue 27 item 6).
import { describe, expect, it } from "vitest";
import { cloudflaredOriginDefaults, keepOriginSpelling, originMeaning, tunnelConfigArgs } from "./pulumi.ts";
import type { TunnelServiceValue } from "./normalise.ts";

const grafana = (originRequest?: Record<string, unknown>): TunnelServiceValue => ({ hostname: "grafana.example.com", service: "http://localhost:3000", tunnel: "home-pi", ...(originRequest && { originRequest }) });
const withDefaults = (extra: Record<string, unknown> = {}) => ({ ...cloudflaredOriginDefaults, access: null, ...extra });
const held = (origin: Record<string, unknown>) => ({
  accountId: "acc",
  tunnelId: "t1",
  config: { ingresses: [{ hostname: "grafana.example.com", path: null, service: "http://localhost:3000", originRequest: origin }, { hostname: null, service: "http_status:404", originRequest: withDefaults() }] },
});
const ingresses = (args: ReturnType<typeof tunnelConfigArgs>) => (args.config as { ingresses: { originRequest?: Record<string, unknown> }[] }).ingresses;

describe("tunnel originRequest in the Pulumi program", () => {
  it("sends the state's originRequest, defaults and all, where it means what the YAML says", () => {
    const none = ingresses(keepOriginSpelling(tunnelConfigArgs("acc", "t1", [grafana()]), held(withDefaults())));
    expect(none[0]!.originRequest).toEqual({ ...cloudflaredOriginDefaults });
    // the catch-all too
    expect(none[1]!.originRequest).toEqual({ ...cloudflaredOriginDefaults });
    const some = ingresses(keepOriginSpelling(tunnelConfigArgs("acc", "t1", [grafana({ noTLSVerify: true, connectTimeout: "30s" })]), held(withDefaults({ noTlsVerify: true, connectTimeout: 30 }))));
    expect(some[0]!.originRequest).toMatchObject({ noTlsVerify: true, connectTimeout: 30, keepAliveTimeout: 90 });
  });

  it("sends the YAML's where it differs, and without a state", () => {
    const changed = ingresses(keepOriginSpelling(tunnelConfigArgs("acc", "t1", [grafana({ connectTimeout: 30 })]), held(withDefaults())));
    expect(changed[0]!.originRequest).toEqual({ connectTimeout: 30 });
    expect(ingresses(keepOriginSpelling(tunnelConfigArgs("acc", "t1", [grafana()]), undefined))[0]!.originRequest).toBeUndefined();
  });

  it("sets defaults aside to compare: nulls and restated defaults mean nothing", () => {
    expect(originMeaning(withDefaults({ httpHostHeader: "grafana.internal" }))).toEqual({ httpHostHeader: "grafana.internal" });
    expect(originMeaning(undefined)).toEqual({});
  });
});
