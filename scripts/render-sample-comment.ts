// Renders docs/pull-requests.md's sample comment from a real plan: the shipped example is applied
// to the emulator (as if it were main), then a copy is edited the way a pull request would edit
// it, and that copy is planned with the native engine and checked by the policies, exactly like
// the preview workflow does. Run: node scripts/render-sample-comment.ts [--write]
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadDesiredState, loadStack } from "../src/desired-state/index.ts";
import { startEmulator } from "../src/emulator/index.ts";
import { createNativeEngine } from "../src/engines/native/index.ts";
import { planMarker } from "../src/github/markers.ts";
import { renderMarkdown } from "../src/plan/render-markdown.ts";
import { policyReportToJson, runPolicies } from "../src/policy/index.ts";
import { silentLogger } from "../src/shared/logger.ts";

const repo = join(import.meta.dirname, "..");
const token = "sample-token";

/** The pull request: text edits to the shipped YAML (each must match exactly once). */
const edits: { file: string; from: string; to: string }[] = [
  { file: "desired-state/zones/example.com.yaml", from: "{ name: blog, type: A, content: 203.0.113.11, proxied: true }", to: "{ name: blog, type: A, content: 203.0.113.21, proxied: true }" },
  { file: "desired-state/zones/example.com.yaml", from: "{ name: sip, type: A, content: 198.51.100.30, ttl: 300 }", to: "{ name: sip, type: A, content: 198.51.100.30, ttl: 600 }" },
  { file: "desired-state/zones/example.com.yaml", from: "  # mail: not proxied", to: "  - { name: shop, type: A, content: 203.0.113.13, comment: new shop }\n\n  # mail: not proxied" },
  { file: "desired-state/zones/example.com.yaml", from: "    action: managed_challenge", to: "    action: block" },
  { file: "desired-state/services/grafana.yaml", from: "origin: http://localhost:3000", to: "origin: http://localhost:3001" },
];

async function load(root: string) {
  const { stack, diagnostics } = await loadStack(root);
  if (!stack) throw new Error(`stack: ${JSON.stringify(diagnostics)}`);
  const loaded = await loadDesiredState(join(root, stack.desired_state.dir), { root, stack });
  const errors = loaded.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`desired state: ${JSON.stringify(errors)}`);
  return { stack, desired: loaded.state, diagnostics: loaded.diagnostics };
}

export async function renderSampleComment(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "cf-gitops-sample-"));
  const emulator = await startEmulator({ zones: ["example.com", "example.net"], tokens: [token] });
  try {
    for (const dir of ["desired-state", "stacks", "policies"]) await cp(join(repo, dir), join(root, dir), { recursive: true });
    // Custom policies import cf-gitops from ../src, as they do in the repository.
    await symlink(join(repo, "src"), join(root, "src"));
    const tunnel = await fetch(`${emulator.baseUrl}/accounts/${emulator.accountId}/cfd_tunnel`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "home-pi", config_src: "cloudflare" }),
    });
    if (!tunnel.ok) throw new Error(`creating the tunnel failed: HTTP ${tunnel.status}`);
    const engine = createNativeEngine({ apiToken: token, baseUrl: emulator.baseUrl, accountId: emulator.accountId, log: silentLogger() });

    const main = await load(root);
    const applied = await engine.apply(main.desired, { stack: main.stack, log: silentLogger(), approve: async () => true });
    if (applied.status !== "applied") throw new Error(`applying the example failed: ${applied.error ?? applied.status}`);

    for (const edit of edits) {
      const path = join(root, edit.file);
      const text = await readFile(path, "utf8");
      if (text.split(edit.from).length !== 2) throw new Error(`${edit.file}: "${edit.from}" must occur exactly once`);
      await writeFile(path, text.replace(edit.from, edit.to));
    }
    const pr = await load(root);
    const plan = await engine.plan(pr.desired, { stack: pr.stack, log: silentLogger() });
    const policy = await runPolicies({ root, desired: pr.desired, stack: pr.stack, plan, now: new Date("2026-01-01T00:00:00Z") });
    const markdown = renderMarkdown({ plan, policy: policyReportToJson(policy), diagnostics: [...pr.diagnostics, ...policy.diagnostics] });
    return `${planMarker(plan.stack)}\n${markdown}`;
  } finally {
    await emulator.close();
    await rm(root, { recursive: true, force: true });
  }
}

const docIntro = `# Pull-request previews

Every pull request that touches \`desired-state/\`, \`stacks/\`, \`policies/\` or \`Pulumi.yaml\` runs
[\`.github/workflows/preview.yml\`](../.github/workflows/preview.yml):

- **validate** (\`cf-gitops validate --format github\`): errors show inline in the diff, with file, line
  and column;
- **policy** (\`cf-gitops policy --stack NAME --format github\`), per stack: a mandatory policy that fails
  fails the check;
- **plan** (\`cf-gitops plan --stack NAME --format json\`), per stack, with the stack's engine (the
  workflow installs the \`pulumi\` CLI only for Pulumi stacks), then
  \`cf-gitops github comment --pr N --stack NAME --file plan.json\`: **one sticky comment per stack**,
  found again by a hidden marker and edited in place on every push, never repeated. The same report
  goes to the job summary, and \`plan.json\` is kept as an artifact.

The comment holds a summary table (creates, updates, deletes and replacements per zone and kind), a
collapsible field-level diff per change, and the policy results. It stays under GitHub's
65,536-character limit: a big plan is cut with "… and N more changes", and the job summary holds
the rest. When the plan step fails, the comment says so instead of showing a stale plan.

**Forks:** pull requests from forks get validate and policy only. The plan job runs only when
\`github.event.pull_request.head.repo.full_name == github.repository\`, so a fork's code never sees
the secrets; the workflow never uses \`pull_request_target\`. \`test/workflows.test.ts\` checks this.

**Secrets** (repository settings → Secrets and variables → Actions): \`CLOUDFLARE_API_TOKEN\` (Zone
Read, DNS Read, Zone Settings Read, Zone WAF Read, Cloudflare Tunnel Read are enough for a plan),
\`CLOUDFLARE_ACCOUNT_ID\` when the token sees several accounts, and \`PULUMI_CONFIG_PASSPHRASE\` for
Pulumi stacks. The workflow's own \`GITHUB_TOKEN\` posts the comment (\`pull-requests: write\`).

**Drift:** [\`.github/workflows/drift.yml\`](../.github/workflows/drift.yml) runs \`cf-gitops drift\` every
six hours and on demand, and \`cf-gitops github drift-issue\` keeps one issue per stack, labelled
\`drift\`: opened on drift, updated when the drift changes, commented on and closed when it is gone.

## Sample comment

Rendered by \`node scripts/render-sample-comment.ts --write\` from a real plan: the shipped example
is applied to the emulator, then a copy edited as a pull request would (a changed address, a TTL,
a new unproxied record, a firewall action, a tunnel origin) is planned with the native engine and
checked by the shipped policies.

---

`;

if (import.meta.main) {
  const comment = await renderSampleComment();
  if (process.argv.includes("--write")) {
    await writeFile(join(repo, "docs", "pull-requests.md"), `${docIntro}${comment}`);
    process.stdout.write(`wrote docs/pull-requests.md (${comment.length} characters of comment)\n`);
  } else {
    process.stdout.write(comment);
  }
}
