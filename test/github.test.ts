// `cf-gitops github comment|drift-issue` with real octokit against a local GitHub REST server.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../src/cli/main.ts";
import { runGithub } from "../src/github/cli.ts";
import { reportError } from "../src/cli/report-error.ts";
import type { Change } from "../src/plan/types.ts";
import { startGithubServer, type GithubServer } from "./support/github-server.ts";
import { capturedIo } from "./support/captured-io.ts";

let server: GithubServer;
let dir: string;
const fast = { paceWrites: false, retryAfterUnitMs: 20 };

beforeEach(async () => {
  server = await startGithubServer();
  dir = await mkdtemp(join(tmpdir(), "cf-gitops-github-"));
});
afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

function io(extraEnv: Record<string, string> = {}) {
  const env = { GITHUB_TOKEN: server.token, GITHUB_REPOSITORY: `${server.owner}/${server.repo}`, GITHUB_API_URL: server.url, GITHUB_STEP_SUMMARY: join(dir, "summary.md"), ...extraEnv };
  return capturedIo({ cwd: dir, env });
}

const record = (i: number, op: Change["op"] = "update"): Change => ({
  kind: "dns-record",
  id: `example.com/dns/host${i}/A/203.0.113.10`,
  zone: "example.com",
  op,
  fields: ["ttl"],
  before: { ttl: 300 },
  after: { ttl: 1 },
});

async function writePlan(name: string, changes: Change[], extra: Record<string, unknown> = {}): Promise<string> {
  const summary = { create: 0, update: changes.length, delete: 0, replace: 0, import: 0 };
  await writeFile(join(dir, name), JSON.stringify({ stack: "production", engine: "native", commit: "abc1234def", summary, changes, diagnostics: [], ...extra }));
  return name;
}

const writes = () => server.requests.filter((r) => r.method !== "GET");

describe("cf-gitops github comment", () => {
  it("creates the comment once, then edits it in place on the next run", async () => {
    const pr = server.addPullRequest();
    server.comments.push({ id: 1, issue: pr, body: "LGTM, a human", html_url: "x", user: { login: "ana", type: "User" } });
    const first = io();
    await writePlan("plan.json", [record(1)]);
    expect(await runGithub(["comment", "--pr", String(pr), "--file", "plan.json"], first.io, fast)).toBe(0);
    expect(first.stdout()).toMatch(/^comment created: http/);

    await writePlan("plan.json", [record(1), record(2)]);
    const second = io();
    expect(await runGithub(["comment", "--pr", String(pr), "--file", "plan.json"], second.io, fast)).toBe(0);
    expect(second.stdout()).toMatch(/^comment updated: /);

    const ours = server.comments.filter((c) => c.body.startsWith("<!-- cf-gitops:plan stack=production -->"));
    expect(ours).toHaveLength(1);
    expect(server.comments).toHaveLength(2); // the human comment is untouched
    expect(ours[0]!.body).toContain("**Plan:** 2 to update.");
    expect(ours[0]!.body).toContain("example.com/dns/host2/A/203.0.113.10");

    const third = io();
    await runGithub(["comment", "--pr", String(pr), "--file", "plan.json"], third.io, fast);
    expect(third.stdout()).toMatch(/^comment unchanged: /);
    expect(writes().map((r) => r.method)).toEqual(["POST", "PATCH"]);

    const summary = await readFile(join(dir, "summary.md"), "utf8");
    expect(summary.match(/### cf-gitops plan: stack `production`/g)).toHaveLength(3); // appended per step
  });

  it("pages through many comments to find its own, and removes duplicates", async () => {
    const pr = server.addPullRequest();
    for (let i = 0; i < 250; i++) server.comments.push({ id: 10 + i, issue: pr, body: `chatter ${i}`, html_url: "x", user: { login: "ana", type: "User" } });
    const marker = "<!-- cf-gitops:plan stack=production -->";
    server.comments.push({ id: 900, issue: pr, body: `${marker}\nold`, html_url: "x", user: { login: "bot", type: "Bot" } });
    server.comments.push({ id: 901, issue: pr, body: `${marker}\nolder duplicate`, html_url: "x", user: { login: "bot", type: "Bot" } });
    await writePlan("plan.json", [record(1)]);
    expect(await runGithub(["comment", "--pr", String(pr), "--file", "plan.json"], io().io, fast)).toBe(0);
    const ours = server.comments.filter((c) => c.body.startsWith(marker));
    expect(ours.map((c) => c.id)).toEqual([900]);
    expect(ours[0]!.body).toContain("1 to update");
    expect(server.requests.filter((r) => r.method === "GET").length).toBeGreaterThanOrEqual(3);
  });

  it("keeps a 5,000-change plan under the comment limit and puts the full plan in the job summary", async () => {
    const pr = server.addPullRequest();
    await writePlan("big.json", Array.from({ length: 5_000 }, (_, i) => record(i)));
    const run = io();
    expect(await runGithub(["comment", "--pr", String(pr), "--file", "big.json", "--summary-file", "full.md"], run.io, fast)).toBe(0);
    const body = server.comments[0]!.body;
    expect(body.length).toBeLessThan(65_536);
    const shown = body.split("<details>").length - 1;
    expect(shown).toBeGreaterThan(50);
    expect(body).toContain(`**… and ${5_000 - shown} more changes (full plan in the job summary)**`);
    const full = await readFile(join(dir, "full.md"), "utf8");
    expect(full.split("<details>").length - 1).toBe(5_000);
    expect(full).toContain("example.com/dns/host4999/A/203.0.113.10");
  });

  it("retries a 403 secondary rate limit and a primary one, then succeeds", async () => {
    const pr = server.addPullRequest();
    await writePlan("plan.json", [record(1)]);
    server.rateLimitNext(1, "secondary", 1);
    server.rateLimitNext(1, "primary", 1);
    const run = io();
    expect(await runGithub(["comment", "--pr", String(pr), "--file", "plan.json"], run.io, fast)).toBe(0);
    expect(server.requests.slice(0, 2).map((r) => r.status)).toEqual([403, 403]);
    expect(server.comments).toHaveLength(1);
    expect(run.stderr()).toContain("github rate limit hit");
  });

  it("gives up after a bounded number of rate-limit retries with a clear error", async () => {
    const pr = server.addPullRequest();
    await writePlan("plan.json", [record(1)]);
    server.rateLimitNext(10, "secondary", 1);
    const run = io({ CFGITOPS_LOG_LEVEL: "silent" });
    const code = await runGithub(["comment", "--pr", String(pr), "--file", "plan.json"], run.io, { ...fast, maxRateLimitRetries: 2 }).catch((error: unknown) => reportError(error, run.io));
    expect(code).toBe(1);
    expect(server.requests.filter((r) => r.status === 403)).toHaveLength(3);
    expect(run.stderr()).toMatch(/^error: GitHub answered 403 to GET \/repos\/acme\/cloudflare\/issues\/1\/comments: You have exceeded a secondary rate limit/m);
    expect(run.stderr()).toContain("hint: ");
    expect(server.comments).toHaveLength(0);
  });

  it("refuses a file that is not a plan, naming it, and writes nothing", async () => {
    const pr = server.addPullRequest();
    await writeFile(join(dir, "bad.json"), JSON.stringify({ hello: 1 }));
    const run = io();
    expect(await main(["github", "comment", "--pr", String(pr), "--file", "bad.json"], run.io)).toBe(1);
    expect(run.stderr()).toContain('error: bad.json is not a cf-gitops plan document: missing "stack" (a string) and "changes" (an array)');
    expect(run.stderr()).toContain("hint: write it with: cf-gitops plan --format json > bad.json");
    expect(run.stderr()).not.toContain("    at ");
    expect(server.requests).toHaveLength(0);
  });

  it("replaces a stale plan with a failure notice when the plan step wrote nothing", async () => {
    const pr = server.addPullRequest();
    await writePlan("plan.json", [record(1)]);
    await runGithub(["comment", "--pr", String(pr), "--file", "plan.json"], io().io, fast);
    await writeFile(join(dir, "plan.json"), "");
    const run = io({ GITHUB_RUN_ID: "77", GITHUB_SERVER_URL: "https://github.com" });
    await expect(runGithub(["comment", "--pr", String(pr), "--file", "plan.json", "--stack", "production"], run.io, fast)).rejects.toThrow(/plan.json is empty/);
    expect(server.comments).toHaveLength(1);
    expect(server.comments[0]!.body).toContain("❌ **No plan**: the plan step failed");
    expect(server.comments[0]!.body).toContain("https://github.com/acme/cloudflare/actions/runs/77");
    expect(server.comments[0]!.body).not.toContain("host1");
  });

  it("rejects a missing --pr and a missing token before calling GitHub", async () => {
    const run = io();
    expect(await main(["github", "comment", "--file", "plan.json"], run.io)).toBe(1);
    expect(run.stderr()).toContain("error: --pr needs a pull request number");
    const noToken = io({ GITHUB_TOKEN: "" });
    await writePlan("plan.json", [record(1)]);
    expect(await main(["github", "comment", "--pr", "1", "--file", "plan.json"], noToken.io)).toBe(1);
    expect(noToken.stderr()).toContain("error: GITHUB_TOKEN is not set");
    expect(server.requests).toHaveLength(0);
  });
});

describe("cf-gitops github drift-issue", () => {
  it("opens an issue on drift, updates it when the drift changes, then comments and closes it", async () => {
    await writePlan("drift.json", [record(1)]);
    const opened = io();
    expect(await runGithub(["drift-issue", "--file", "drift.json"], opened.io, fast)).toBe(0);
    expect(opened.stdout()).toMatch(/^drift issue #1 opened: /);
    expect(server.labels.get("drift")?.color).toBe("d93f0b");
    expect(server.issues).toHaveLength(1);
    const issue = server.issues[0]!;
    expect(issue).toMatchObject({ title: "Drift detected in stack production", state: "open", labels: ["drift"] });
    expect(issue.body).toMatch(/^<!-- cf-gitops:drift stack=production -->\n### cf-gitops drift report/);
    expect(issue.body).toContain("⚠️ **Drift: 1 resource differs**");

    const same = io();
    await runGithub(["drift-issue", "--file", "drift.json"], same.io, fast);
    expect(same.stdout()).toMatch(/^drift issue #1 unchanged/);

    await writePlan("drift.json", [record(1), record(2)]);
    const updated = io();
    await runGithub(["drift-issue", "--file", "drift.json"], updated.io, fast);
    expect(updated.stdout()).toMatch(/^drift issue #1 updated/);
    expect(server.issues[0]!.body).toContain("2 resources differ");
    expect(server.issues).toHaveLength(1);

    await writePlan("drift.json", []);
    const closed = io({ GITHUB_RUN_ID: "9" });
    await runGithub(["drift-issue", "--file", "drift.json"], closed.io, fast);
    expect(closed.stdout()).toMatch(/^drift issue #1 closed/);
    expect(server.issues[0]).toMatchObject({ state: "closed", state_reason: "completed" });
    expect(server.comments.map((c) => c.body)).toEqual([expect.stringContaining("✅ Drift resolved: Cloudflare matches git again for stack `production`.")]);

    const nothing = io();
    await runGithub(["drift-issue", "--file", "drift.json"], nothing.io, fast);
    expect(nothing.stdout()).toBe("drift issue: none\n");
    const summary = await readFile(join(dir, "summary.md"), "utf8");
    expect(summary).toContain("✅ **No drift**");
  });

  it("keeps one issue per stack", async () => {
    await writePlan("a.json", [record(1)]);
    await writePlan("b.json", [record(1)], { stack: "staging" });
    await runGithub(["drift-issue", "--file", "a.json"], io().io, fast);
    await runGithub(["drift-issue", "--file", "b.json"], io().io, fast);
    await runGithub(["drift-issue", "--file", "b.json"], io().io, fast);
    expect(server.issues.map((i) => i.title).sort()).toEqual(["Drift detected in stack production", "Drift detected in stack staging"]);
  });

  it("leaves the issue alone when the drift check itself failed", async () => {
    await writePlan("drift.json", [record(1)]);
    await runGithub(["drift-issue", "--file", "drift.json"], io().io, fast);
    const diagnostics = [{ file: "desired-state/zones/example.com.yaml", line: 3, column: 1, severity: "error", code: "yaml-syntax", message: "bad indentation" }];
    await writePlan("drift.json", [], { diagnostics });
    const run = io();
    expect(await main(["github", "drift-issue", "--file", "drift.json"], run.io)).toBe(1);
    expect(run.stderr()).toContain('error: the drift check for stack "production" reported 1 errors; the drift issue was left as it is');
    expect(server.issues[0]!.state).toBe("open");
  });
});
