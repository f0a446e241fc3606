// deploy/monitoring without a container engine: minimal JSON Schemas for the compose file and the
// Grafana provisioning (the keys this stack relies on), and cross-checks between the files: every
// mounted file exists, the provisioned dashboard and data source line up, the scrape targets match
// the daemon's unit. promtool's check of the Prometheus config is in src/status/deploy-files.test.ts.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Ajv } from "ajv";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { monitoringDir, readCompose, repoMounts } from "./support/monitoring.ts";

const repoRoot = resolve(monitoringDir, "../..");
const read = (path: string) => readFileSync(join(monitoringDir, path), "utf8");
const compose = readCompose(read("compose.yaml"));
const datasources = parse(read("grafana/provisioning/datasources/prometheus.yaml")) as { datasources: { uid: string; type: string; url: string; isDefault?: boolean }[] };
const providers = parse(read("grafana/provisioning/dashboards/cf-gitops.yaml")) as { providers: { options: { path: string } }[] };
const prometheus = parse(read("prometheus/prometheus.yml")) as { rule_files: string[]; scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[] };

const pinnedImage = { type: "string", pattern: "^[a-z0-9./-]+:v?\\d+\\.\\d+\\.\\d+$" };
const composeSchema = {
  type: "object",
  required: ["services"],
  properties: {
    name: { type: "string" },
    services: {
      type: "object",
      required: ["prometheus", "node-exporter", "grafana"],
      additionalProperties: {
        type: "object",
        required: ["image", "restart"],
        properties: {
          image: pinnedImage,
          network_mode: { const: "host" },
          command: { type: "array", items: { type: "string" } },
          volumes: { type: "array", items: { type: "string", pattern: "^[^:]+:/[^:]*(:ro(,rslave)?)?$" } },
          environment: { type: "object", additionalProperties: { type: "string" } },
          restart: { enum: ["unless-stopped", "always"] },
          pid: { const: "host" },
          depends_on: { type: "array", items: { type: "string" } },
        },
        additionalProperties: false,
      },
    },
    volumes: { type: "object" },
  },
  additionalProperties: false,
};
const datasourceSchema = {
  type: "object",
  required: ["apiVersion", "datasources"],
  properties: {
    apiVersion: { const: 1 },
    datasources: {
      type: "array",
      minItems: 1,
      items: { type: "object", required: ["name", "uid", "type", "access", "url"], properties: { type: { const: "prometheus" }, access: { const: "proxy" }, url: { type: "string", pattern: "^https?://" } } },
    },
  },
};
const providerSchema = {
  type: "object",
  required: ["apiVersion", "providers"],
  properties: {
    apiVersion: { const: 1 },
    providers: {
      type: "array",
      minItems: 1,
      items: { type: "object", required: ["name", "type", "options"], properties: { type: { const: "file" }, options: { type: "object", required: ["path"], properties: { path: { type: "string", pattern: "^/" } } } } },
    },
  },
};

function schemaErrors(schema: object, data: unknown): string[] {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  return validate(data) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

function mountTarget(service: string, sourceEnd: string): string | undefined {
  return repoMounts(compose.services[service]!).find((mount) => mount.source.endsWith(sourceEnd))?.target;
}

describe("deploy/monitoring", () => {
  it("has a compose file and Grafana provisioning that fit their schemas", () => {
    expect(schemaErrors(composeSchema, compose)).toEqual([]);
    expect(schemaErrors(datasourceSchema, datasources)).toEqual([]);
    expect(schemaErrors(providerSchema, providers)).toEqual([]);
    // The schemas can fail: an unpinned image and a missing service are caught.
    const broken = structuredClone(compose);
    broken.services.grafana!.image = "grafana/grafana:latest";
    delete (broken.services as Record<string, unknown>)["node-exporter"];
    expect(schemaErrors(composeSchema, broken)).toEqual(["/services must have required property 'node-exporter'", "/services/grafana/image must match pattern \"^[a-z0-9./-]+:v?\\d+\\.\\d+\\.\\d+$\""]);
  });

  it("mounts only files that exist in the repository, including the one copy of the rules and the dashboard", () => {
    const mounts = Object.values(compose.services).flatMap(repoMounts);
    expect(mounts.filter((mount) => !existsSync(mount.source)).map((mount) => mount.source)).toEqual([]);
    expect(mountTarget("prometheus", "docs/deploy/prometheus-rules.yml")).toBe("/etc/prometheus/rules/cf-gitops.yml");
    expect(mountTarget("grafana", "docs/deploy/grafana-dashboard.json")).toBe("/etc/grafana/dashboards/cf-gitops.json");
  });

  it("scrapes the daemon on the unit's port as job cf-gitops, node_exporter, and loads the mounted rules", () => {
    const unit = readFileSync(join(repoRoot, "docs/deploy/cf-gitops.service"), "utf8");
    const port = /--port (\d+)/.exec(unit)?.[1];
    const jobs = Object.fromEntries(prometheus.scrape_configs.map((job) => [job.job_name, job.static_configs.flatMap((config) => config.targets)]));
    expect(jobs["cf-gitops"]).toEqual([`127.0.0.1:${port}`]);
    expect(jobs.node).toEqual(["127.0.0.1:9100"]);
    expect(compose.services["node-exporter"]!.command).toContain("--web.listen-address=127.0.0.1:9100");
    expect(prometheus.rule_files).toEqual(["rules/*.yml"]); // relative to /etc/prometheus/prometheus.yml
    expect(compose.services.prometheus!.command).toContain("--config.file=/etc/prometheus/prometheus.yml");
  });

  it("provisions the dashboard from the mounted file and a default Prometheus data source its variable picks", () => {
    const dashboardPath = mountTarget("grafana", "grafana-dashboard.json")!;
    expect(providers.providers[0]!.options.path).toBe(dashboardPath.slice(0, dashboardPath.lastIndexOf("/")));
    expect(mountTarget("grafana", "grafana/provisioning")).toBe("/etc/grafana/provisioning");
    const [source] = datasources.datasources;
    expect(source).toMatchObject({ type: "prometheus", isDefault: true, url: "http://127.0.0.1:9090" });
    expect(compose.services.prometheus!.command).toContain("--web.listen-address=127.0.0.1:9090");

    const dashboard = JSON.parse(readFileSync(join(repoRoot, "docs/deploy/grafana-dashboard.json"), "utf8")) as { __inputs?: unknown; templating: { list: { name: string; type: string; query: unknown }[] } };
    expect(dashboard.__inputs).toBeUndefined(); // import-time inputs are not resolved when provisioned
    expect(dashboard.templating.list[0]).toMatchObject({ name: "DS_PROMETHEUS", type: "datasource", query: "prometheus" });
    const uids = [...JSON.stringify(dashboard).matchAll(/"uid":\s*"([^"]*)"/g)].map(([, uid]) => uid).filter((uid) => uid !== "cf-gitops");
    expect(uids.length).toBeGreaterThan(10);
    expect(new Set(uids)).toEqual(new Set(["${DS_PROMETHEUS}"]));
  });
});
