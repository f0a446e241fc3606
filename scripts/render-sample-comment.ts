// Renders the sample comment in README.md and docs/pull-requests.md from a real plan: the shipped
// example is applied to the emulator (as if it were main), then a copy is edited the way a pull
// request would edit it, and that copy is planned with the native engine and checked by the
// policies, exactly like the preview workflow does. Run: node scripts/render-sample-comment.ts
// [--write]; --write replaces what stands between each doc's sample markers, and
// test/docs-sample-comment.test.ts fails when a doc's sample is not what this renders.
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

/** The docs that show the sample, each between these two lines. */
export const sampleDocs = ["README.md", "docs/pull-requests.md"];
export const sampleStart = "<!-- sample comment: scripts/render-sample-comment.ts --write regenerates what follows, up to the end marker; test/docs-sample-comment.test.ts checks it is current -->\n";
export const sampleEnd = "<!-- end of the sample comment -->\n";

/** The sample as a doc shows it now (between the markers), or undefined when the markers are missing. */
export function sampleIn(doc: string): string | undefined {
  const start = doc.indexOf(sampleStart);
  const end = doc.indexOf(sampleEnd, start);
  return start < 0 || end < 0 ? undefined : doc.slice(start + sampleStart.length, end);
}

function withSample(doc: string, file: string, comment: string): string {
  const current = sampleIn(doc);
  if (current === undefined) throw new Error(`${file}: the sample comment's markers are missing`);
  return doc.replace(`${sampleStart}${current}${sampleEnd}`, `${sampleStart}${comment}${sampleEnd}`);
}

if (import.meta.main) {
  const comment = await renderSampleComment();
  if (process.argv.includes("--write")) {
    for (const file of sampleDocs) {
      await writeFile(join(repo, file), withSample(await readFile(join(repo, file), "utf8"), file, comment));
      process.stdout.write(`wrote the sample comment in ${file} (${comment.length} characters)\n`);
    }
  } else {
    process.stdout.write(comment);
  }
}
