// The @pulumi/cloudflare release cf-gitops is pinned to still takes a DNS record's top-level
// `priority` as an input (issue 27 item 8). An open provider change makes it read-only (computed
// from data.priority); then MX, SRV and URI records would lose or fight over their priority, so
// an upgrade must fail here first. The type check (npm test runs tsc) and the SDK at run time,
// under Pulumi's mocks, both have to agree.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { DnsRecordArgs } from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";

const registered: Record<string, unknown>[] = [];

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        registered.push(args.inputs as Record<string, unknown>);
        return { id: `${args.name}-id`, state: args.inputs as Record<string, unknown> };
      },
      call: (args) => args.inputs as Record<string, unknown>,
    },
    "cf-gitops",
    "test",
    true,
  );
});

describe("the pinned @pulumi/cloudflare SDK", () => {
  it("is pinned to one exact version, the one installed", () => {
    const manifest = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { dependencies: Record<string, string> };
    const installed = (createRequire(import.meta.url)("@pulumi/cloudflare/package.json") as { version: string }).version;
    expect(manifest.dependencies["@pulumi/cloudflare"]).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.dependencies["@pulumi/cloudflare"]).toBe(installed);
  });

  it("takes DnsRecord's top-level priority as an input, not an output only", async () => {
    // a compile-time check: fails to type-check when `priority` leaves DnsRecordArgs
    const args: DnsRecordArgs = { zoneId: "zone-1", name: "example.com", type: "MX", content: "mx1.example.net", ttl: 3600, priority: 10 };
    const cloudflare = await import("@pulumi/cloudflare");
    new cloudflare.DnsRecord("example.com/dns/@/MX", args);
    for (let i = 0; i < 50 && registered.length === 0; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(registered).toHaveLength(1);
    expect(registered[0]).toMatchObject({ type: "MX", priority: 10 });
  });
});
