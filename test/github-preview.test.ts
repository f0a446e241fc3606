// The workflows' command chain end to end, in-process: `cf-gitops plan|drift --format json` against
// the emulator writes the file that `cf-gitops github comment|drift-issue` posts to a local GitHub.
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../src/cli/main.ts";
import { startEmulator, type RunningEmulator } from "../src/emulator/index.ts";
import { runGithub } from "../src/github/cli.ts";
import { startGithubServer, type GithubServer } from "./support/github-server.ts";
import { capturedIo } from "./support/captured-io.ts";

const repo = join(import.meta.dirname, "..");
const token = "preview-token";
const fast = { paceWrites: false, retryAfterUnitMs: 20 };
let root: string;
let emulator: RunningEmulator;
let github: GithubServer;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "cf-gitops-preview-"));
  for (const dir of ["desired-state", "stacks", "policies"]) await cp(join(repo, dir), join(root, dir), { recursive: true });
  await symlink(join(repo, "src"), join(root, "src")); // custom policies import ../src
  emulator = await startEmulator({ zones: ["example.com", "example.net"], tokens: [token] });
  const tunnel = await fetch(`${emulator.baseUrl}/accounts/${emulator.accountId}/cfd_tunnel`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ name: "home-pi", config_src: "cloudflare" }),
  });
  expect(tunnel.ok).toBe(true);
  github = await startGithubServer();
});
afterAll(async () => {
  await emulator?.close();
  await github?.close();
  await rm(root, { recursive: true, force: true });
});

async function cli(argv: string[], stdoutFile?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    CLOUDFLARE_API_TOKEN: token,
    CLOUDFLARE_BASE_URL: emulator.baseUrl,
    CLOUDFLARE_ACCOUNT_ID: emulator.accountId,
    CFGITOPS_DATA_DIR: join(root, ".cf-gitops"),
    GITHUB_TOKEN: github.token,
    GITHUB_REPOSITORY: `${github.owner}/${github.repo}`,
    GITHUB_API_URL: github.url,
    GITHUB_STEP_SUMMARY: join(root, "summary.md"),
    CFGITOPS_LOG_LEVEL: "silent",
  };
  const { io, stdout, stderr } = capturedIo({ cwd: root, env });
  const code = argv[0] === "github" ? await runGithub(argv.slice(1), io, fast) : await main(argv, io);
  if (stdoutFile) await writeFile(join(root, stdoutFile), stdout());
  return { code, stdout: stdout(), stderr: stderr() };
}

async function edit(file: string, from: string, to: string): Promise<void> {
  const path = join(root, file);
  const text = await readFile(path, "utf8");
  expect(text).toContain(from);
  await writeFile(path, text.replace(from, to));
}

describe("preview and drift chain", () => {
  it("plans a pull request's edit and posts it as the sticky comment", async () => {
    expect((await cli(["apply", "--yes"])).code).toBe(0);
    await edit("desired-state/zones/example.com.yaml", "content: 198.51.100.30, ttl: 300", "content: 198.51.100.30, ttl: 600");
    const plan = await cli(["plan", "--format", "json"], "plan.json");
    expect(plan.code).toBe(0);
    const pr = github.addPullRequest();
    const comment = await cli(["github", "comment", "--pr", String(pr), "--file", "plan.json"]);
    expect(comment.code).toBe(0);
    expect(github.comments).toHaveLength(1);
    const body = github.comments[0]!.body;
    expect(body).toMatch(/^<!-- cf-gitops:plan stack=default -->\n### cf-gitops plan: stack `default` \(native engine\)/);
    expect(body).toContain("**Plan:** 1 to update.");
    expect(body).toContain("| example.com | dns-record | 0 | 1 | 0 | 0 |");
    expect(body).toContain("- ttl: 300\n+ ttl: 600");
    expect(body).toContain("#### Policies");
    // the plan's fingerprint, the one a saved plan of it carries (`plan --out`, `apply FILE`)
    const fingerprint = (JSON.parse(plan.stdout) as { fingerprint: string }).fingerprint;
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(body).toContain(`Plan fingerprint: \`${fingerprint.slice(0, 12)}\``);
    expect(await readFile(join(root, "summary.md"), "utf8")).toContain("- ttl: 300\n+ ttl: 600");
  });

  it("opens a drift issue for a hand edit, and closes it once apply restores git", async () => {
    // The pull request above is merged and applied; then someone changes the zone by hand.
    expect((await cli(["apply", "--yes"])).code).toBe(0);
    const zones = (await (await fetch(`${emulator.baseUrl}/zones?name=example.com`, { headers: { authorization: `Bearer ${token}` } })).json()) as { result: { id: string }[] };
    const zoneId = zones.result[0]!.id;
    const setting = await fetch(`${emulator.baseUrl}/zones/${zoneId}/settings/security_level`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ value: "high" }),
    });
    expect(setting.ok).toBe(true);

    const drift = await cli(["drift", "--format", "json", "--detailed-exitcode"], "drift.json");
    expect(drift.code).toBe(2);
    expect((await cli(["github", "drift-issue", "--file", "drift.json"])).code).toBe(0);
    expect(github.issues.filter((i) => i.labels.includes("drift"))).toHaveLength(1);
    const issue = github.issues.find((i) => i.labels.includes("drift"))!;
    expect(issue.state).toBe("open");
    expect(issue.body).toContain("example.com/settings/security_level");
    expect(issue.body).toMatch(/- value: "high"\n\+ value: "medium"/);

    expect((await cli(["apply", "--yes"])).code).toBe(0);
    expect((await cli(["drift", "--format", "json", "--detailed-exitcode"], "drift.json")).code).toBe(0);
    expect((await cli(["github", "drift-issue", "--file", "drift.json"])).code).toBe(0);
    expect(issue.state).toBe("closed");
    expect(github.comments.some((c) => c.issue === issue.number && c.body.startsWith("✅ Drift resolved"))).toBe(true);
  });
});
