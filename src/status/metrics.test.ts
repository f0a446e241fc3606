import parsePrometheusTextFormat, { type ParsedFamily } from "parse-prometheus-text-format";
import { describe, expect, it } from "vitest";
import { createMetrics, metricCatalogue, registerStack, setCertificateExpiry, type Metrics } from "./metrics.ts";
import { recordRun } from "./run-metrics.ts";

async function scrape(metrics: Metrics): Promise<Map<string, ParsedFamily>> {
  const families = parsePrometheusTextFormat(await metrics.registry.metrics());
  return new Map(families.map((family) => [family.name, family]));
}

function recordOneRun(metrics: Metrics): void {
  registerStack(metrics, "prod");
  recordRun(metrics, { stack: "prod", kind: "apply", result: "success", durationSeconds: 4, finishedAt: new Date("2026-11-25T12:01:00Z"), commit: "abc1234", branch: "main" });
  recordRun(metrics, {
    stack: "prod", kind: "drift", result: "success", durationSeconds: 2.5, finishedAt: new Date("2026-11-25T12:00:00Z"),
    commit: "abc1234", branch: "main",
    drift: [{ zone: "example.com", kind: "dns-record" }, { zone: "example.com", kind: "dns-record" }],
    managed: [{ zone: "example.com", kind: "dns-record", count: 7 }, { kind: "tunnel-service", count: 2 }],
    policyViolations: [{ policy: "ttl-range", level: "advisory", count: 1 }],
  });
  metrics.cloudflareRequests.inc({ method: "GET", route: "/zones", status: "200" });
  setCertificateExpiry(metrics, "www.example.com", new Date("2027-01-01T00:00:00Z"));
}

describe("metrics", () => {
  it("exposes every DESIGN §6 metric with its type and labels after one run, plus process metrics", async () => {
    const metrics = createMetrics();
    recordOneRun(metrics);
    const families = await scrape(metrics);
    for (const expected of metricCatalogue) {
      const family = families.get(expected.name);
      expect(family, expected.name).toBeDefined();
      expect(family?.type).toBe(expected.type.toUpperCase());
      expect(family?.metrics.length, expected.name).toBeGreaterThan(0);
      // The parser drops a histogram's labels (it groups buckets only); those are checked on the raw text below.
      if (expected.type === "histogram") continue;
      for (const sample of family?.metrics ?? []) expect(Object.keys(sample.labels ?? {}).sort()).toEqual([...expected.labels].sort());
    }
    expect(await metrics.registry.metrics()).toMatch(/^cfgitops_run_duration_seconds_count\{stack="prod",kind="drift"\} 1$/m);
    expect(families.has("process_cpu_seconds_total")).toBe(true);
    expect([...families.keys()].some((name) => name.startsWith("nodejs_"))).toBe(true);
  });

  it("keeps gauges consistent: drift counts per zone/kind, zeroed when resolved; one applied commit", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    recordOneRun(metrics);
    let families = await scrape(metrics);
    expect(families.get("cfgitops_drifted_resources")?.metrics).toEqual([
      { value: "2", labels: { stack: "prod", zone: "example.com", kind: "dns-record" } },
      { value: "0", labels: { stack: "prod", zone: "account", kind: "tunnel-service" } },
    ]);
    recordRun(metrics, { stack: "prod", kind: "drift", result: "success", durationSeconds: 1, finishedAt: new Date(), drift: [{ kind: "tunnel-service" }] });
    recordRun(metrics, { stack: "prod", kind: "apply", result: "success", durationSeconds: 1, finishedAt: new Date(), commit: "def5678", branch: "main" });
    families = await scrape(metrics);
    const drift = families.get("cfgitops_drifted_resources")?.metrics ?? [];
    expect(drift.map((sample) => [sample.labels?.zone, sample.value]).sort()).toEqual([["account", "0"], ["example.com", "0"]]);
    expect(families.get("cfgitops_applied_commit_info")?.metrics).toEqual([{ value: "1", labels: { stack: "prod", commit: "def5678", branch: "main" } }]);
    const runs = families.get("cfgitops_runs_total")?.metrics ?? [];
    expect(runs.find((sample) => sample.labels?.kind === "apply")?.value).toBe("2");
  });

  it("exports 0 for every managed zone and known kind, and for every evaluated policy, before anything drifts or fails", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    recordRun(metrics, {
      stack: "prod", kind: "apply", result: "success", durationSeconds: 1, finishedAt: new Date(), commit: "abc1234", branch: "main",
      kinds: ["kind-a", "kind-b"],
      managed: [{ zone: "example.com", kind: "kind-a", count: 3 }, { zone: "example.net", kind: "kind-b", count: 1 }, { kind: "kind-c", count: 2 }],
      policyViolations: [{ policy: "ttl-range", level: "advisory", count: 0 }, { policy: "no-mass-delete", level: "mandatory", count: 0 }],
    });
    const families = await scrape(metrics);
    const drift = (families.get("cfgitops_drifted_resources")?.metrics ?? []).map((sample) => `${sample.labels?.zone} ${sample.labels?.kind} ${sample.value}`).sort();
    expect(drift).toEqual(["account kind-c 0", "example.com kind-a 0", "example.com kind-b 0", "example.net kind-a 0", "example.net kind-b 0"]);
    const policy = (families.get("cfgitops_policy_violations")?.metrics ?? []).map((sample) => `${sample.labels?.policy} ${sample.labels?.level} ${sample.value}`).sort();
    expect(policy).toEqual(["no-mass-delete mandatory 0", "ttl-range advisory 0"]);
    recordRun(metrics, { stack: "prod", kind: "drift", result: "success", durationSeconds: 1, finishedAt: new Date(), kinds: ["kind-a", "kind-b"], managed: [{ zone: "example.com", kind: "kind-a", count: 3 }], drift: [{ zone: "example.com", kind: "kind-a" }] });
    const after = (await scrape(metrics)).get("cfgitops_drifted_resources")?.metrics ?? [];
    expect(after.find((sample) => sample.labels?.zone === "example.com" && sample.labels?.kind === "kind-a")?.value).toBe("1");
    expect(after.filter((sample) => sample.value !== "0")).toHaveLength(1);
  });

  it("a failed run counts and stamps the failure but leaves last success and drift alone", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    recordOneRun(metrics);
    recordRun(metrics, { stack: "prod", kind: "drift", result: "failure", durationSeconds: 1, finishedAt: new Date("2026-11-25T13:00:00Z"), drift: [] });
    const families = await scrape(metrics);
    const lastSuccess = families.get("cfgitops_last_success_timestamp_seconds")?.metrics.find((sample) => sample.labels?.kind === "drift");
    expect(Number(lastSuccess?.value)).toBe(Date.parse("2026-11-25T12:00:00Z") / 1000);
    const failures = families.get("cfgitops_last_run_timestamp_seconds")?.metrics.find((sample) => sample.labels?.result === "failure");
    expect(Number(failures?.value)).toBe(Date.parse("2026-11-25T13:00:00Z") / 1000);
    expect(families.get("cfgitops_drifted_resources")?.metrics[0]?.value).toBe("2");
  });
});
