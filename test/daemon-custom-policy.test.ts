// A daemon tracking a separate config repository (no product code, no node_modules/cf-gitops in
// it) loads that repository's custom policies: their `cf-gitops/policy` import reaches the running
// cf-gitops, and a mandatory one blocks a run. Custom policies are committed code run by the
// daemon's run process, so that process must not hold the daemon's own secrets (issue 11 item 6).
import Cloudflare from "cloudflare";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../src/emulator/index.ts";
import { createUpstream, startDaemonProcess, waitFor, type DaemonProcess, type Upstream } from "./support/daemon-process.ts";

const adminToken = "admin-token-for-tests";
const policy = `import { definePolicy, dnsRecordId, type Finding } from "cf-gitops/policy";

export const noTestRecords = definePolicy({
  id: "no-test-records",
  description: "no DNS record may be named test-*",
  level: "advisory",
  paramsSchema: { type: "object", properties: {}, additionalProperties: false },
  checkState(desired): Finding[] {
    return desired.zones.flatMap((zone) => (zone.dns ?? []).filter((record) => record.name.startsWith("test-"))
      .map((record) => ({ resource: dnsRecordId(zone.zone, record), message: \`\${record.fqdn} is a test record\` })));
  },
});
`;

// Reports which variables it can see (by name; a value would be redacted from history anyway).
const envProbe = `import { definePolicy, noParams, type Finding } from "cf-gitops/policy";

const watched = ["CFGITOPS_ADMIN_TOKEN", "CFGITOPS_WEBHOOK_SECRET", "GITHUB_TOKEN", "CFGITOPS_SLACK_WEBHOOK_URL", "CLOUDFLARE_API_TOKEN", "CLOUDFLARE_BASE_URL"];

export const envProbe = definePolicy({
  id: "env-probe",
  description: "lists the watched variables this process can read",
  level: "advisory",
  paramsSchema: noParams,
  checkState(desired): Finding[] {
    const seen = watched.map((name) => \`\${name}=\${process.env[name] === undefined ? "absent" : "present"}\`).join(" ");
    return [{ resource: desired.zones[0]!.zone, message: seen }];
  },
});
`;

interface RunRow {
  id: number;
  kind: string;
  result: string;
  commit?: string;
  diagnostics: Array<{ file: string; code: string; message: string }>;
}

let dir: string;
let emulator: RunningEmulator;
let upstream: Upstream;
let daemon: DaemonProcess;

async function finishedRun(commit: string): Promise<RunRow> {
  return waitFor(async () => {
    const { runs } = (await (await fetch(`${daemon.url}/api/runs?limit=20`)).json()) as { runs: RunRow[] };
    return runs.find((run) => run.commit === commit && run.result !== "running");
  }, 30_000, `the run of ${commit}`);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cfg-daemon-policy-"));
  emulator = await startEmulator({ zones: ["example.com", "example.net"] });
  const cf = new Cloudflare({ apiToken: "e2e", baseURL: emulator.baseUrl, maxRetries: 0 });
  await cf.zeroTrust.tunnels.cloudflared.create({ account_id: emulator.accountId, name: "home-pi", config_src: "cloudflare" });
  upstream = await createUpstream(dir);
  const config = await upstream.read("policies/policy.yaml");
  await upstream.commit(
    {
      "policies/no-test-records.ts": policy, "policies/env-probe.ts": envProbe,
      "policies/policy.yaml": config.replace("policies:\n", "policies:\n  no-test-records: { level: mandatory }\n  env-probe: { level: advisory }\n"),
    },
    "a mandatory custom policy, and one that looks at its environment",
  );
  daemon = await startDaemonProcess({
    repo: upstream.bare, dataDir: join(dir, "data"),
    env: {
      CLOUDFLARE_BASE_URL: emulator.baseUrl, CLOUDFLARE_API_TOKEN: "e2e", CFGITOPS_ADMIN_TOKEN: adminToken, CFGITOPS_WEBHOOK_SECRET: "webhook-secret-for-tests",
      GITHUB_TOKEN: "ghp_notARealTokenButShapedLikeOne0123456789", CFGITOPS_SLACK_WEBHOOK_URL: "https://hooks.slack.invalid/services/T0/B0/x",
    },
  });
}, 60_000);

afterAll(async () => {
  await daemon?.stop();
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

it("runs custom policies where the admin token, the webhook secret and the notification secrets cannot be read", async () => {
  const head = (await upstream.git.revparse(["HEAD"])).trim();
  const run = await finishedRun(head);
  const details = (await (await fetch(`${daemon.url}/api/runs/${run.id}`)).json()) as { policy: Array<{ policy: string; violations?: Array<{ message: string }> }> };
  const seen = details.policy.find((result) => result.policy === "env-probe")?.violations?.[0]?.message;
  // Custom policies run in a sandbox with no environment at all (issue 22): not even the run's own token.
  expect(seen).toBe("CFGITOPS_ADMIN_TOKEN=absent CFGITOPS_WEBHOOK_SECRET=absent GITHUB_TOKEN=absent CFGITOPS_SLACK_WEBHOOK_URL=absent CLOUDFLARE_API_TOKEN=absent CLOUDFLARE_BASE_URL=absent");
}, 60_000);

it("loads the config repository's custom policies, and a mandatory one blocks the run", async () => {
  const head = (await upstream.git.revparse(["HEAD"])).trim();
  const first = await finishedRun(head);
  expect(first.result, JSON.stringify(first)).toBe("success");
  expect(first.diagnostics.filter((d) => d.code === "policy-load-error")).toEqual([]);

  const zoneFile = "desired-state/zones/example.net.yaml";
  const zone = await upstream.read(zoneFile);
  const blocked = await upstream.commit({ [zoneFile]: zone.replace("dns:\n", "dns:\n  - { name: test-1, type: A, content: 198.51.100.99 }\n") }, "a test record");
  await fetch(`${daemon.url}/api/reconcile`, { method: "POST", headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" }, body: JSON.stringify({ kind: "apply" }) });
  const run = await finishedRun(blocked);
  expect(run.result).toBe("blocked");
  const cf = new Cloudflare({ apiToken: "e2e", baseURL: emulator.baseUrl, maxRetries: 0 });
  const zoneId = (await cf.zones.list({ name: "example.net" })).result[0]!.id;
  expect((await cf.dns.records.list({ zone_id: zoneId, name: { exact: "test-1.example.net" } })).result).toEqual([]);
}, 90_000);
