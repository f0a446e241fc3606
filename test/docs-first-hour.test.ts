// Doc checks for issue 23 (the first hour of a new user): one deployment story and one Node version
// across README.md, docs/operations.md, docs/deploy/ and install.sh; what `doctor` checks said as it
// does it; and the docs that were missing: `history --run` in the commands table, the emulator's
// flags, the read token in docs/deploy/README.md.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runMain } from "./support/captured-io.ts";
import { readDoc, repoRoot } from "./support/markdown.ts";

const readme = readDoc("README.md");
const operations = readDoc("docs/operations.md");
const deployReadme = readDoc("docs/deploy/README.md");
const installer = readFileSync(join(repoRoot, "deploy/install.sh"), "utf8");
const unit = readFileSync(join(repoRoot, "docs/deploy/cf-gitops.service"), "utf8");

async function help(command: string): Promise<string> {
  return (await runMain([command, "--help"], { cwd: repoRoot })).stdout;
}

describe("one deployment story", () => {
  it("installs from a clone of the configuration repository everywhere: no packed tool beside it", () => {
    for (const [name, text] of [["README.md", readme], ["docs/operations.md", operations], ["docs/deploy/README.md", deployReadme]] as const) {
      expect(text, name).toMatch(/install\.sh --repo https:\/\/github\.com\/you\/my-cloudflare\.git/);
      expect(text, name).not.toMatch(/--package|npm install --prefix|\/opt\/my-cloudflare/);
    }
    expect(installer).not.toMatch(/--package|npm install --prefix/);
    expect(installer).toContain("run npm ci --prefix");
    expect(unit).toMatch(/^WorkingDirectory=\/opt\/cf-gitops$/m);
    expect(unit).toMatch(/^ExecStart=\/opt\/cf-gitops\/node_modules\/\.bin\/cf-gitops daemon /m);
  });

  it("names Node.js 20 as the oldest system Node, in the docs, the installer, package.json and CI", () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { engines: { node: string } };
    expect(manifest.engines.node).toBe(">=20");
    expect(installer).toMatch(/^NODE_MIN=20$/m);
    expect(readme).toContain("Node.js 20 or newer");
    expect(operations).toContain("`node` 20 or newer");
    expect(readFileSync(join(repoRoot, ".github/workflows/ci.yml"), "utf8")).toContain("container: node:20-bookworm");
    for (const [name, text] of [["README.md", readme], ["docs/operations.md", operations], ["docs/deploy/README.md", deployReadme], ["deploy/install.sh", installer]] as const) {
      expect(text, name).not.toMatch(/18 or newer|>= ?18\b|-ge 18|node(\.js)? ?18\+/i);
    }
  });
});

describe("the commands table and doctor", () => {
  it("lists history --run and daemon --host, flags their --help has", async () => {
    expect(readme).toMatch(/^\| `history \[--stack\] \[--limit N\] \[--format text\\\|json\] \[--run ID\]/m);
    expect(await help("history")).toContain("--run ID");
    expect(readme).toMatch(/^\| `daemon \[.*\[--host\]/m);
  });

  it("says doctor checks that things are readable, as doctor --help does, never that it finds missing edit permissions", async () => {
    expect(await help("doctor")).toMatch(/the read\s+permission of every kind/);
    expect(readme).toContain("can **read** what cf-gitops manages");
    expect(readme).not.toMatch(/doctor`? says which permissions the token lacks \([^)]*edit/i);
    expect(readme).toMatch(/^\| `doctor \[--stack\]` \| .*no writes, so not edit permissions/m);
  });
});

describe("docs that were missing", () => {
  it("docs/emulator.md documents every flag of cf-gitops emulator --help", async () => {
    const flags = [...(await help("emulator")).matchAll(/^ {2}(--[a-z-]+)/gm)].map(([, flag]) => flag!).filter((flag) => flag !== "--help");
    expect(flags.length).toBeGreaterThan(6);
    const doc = readDoc("docs/emulator.md");
    for (const flag of flags) expect(doc, flag).toMatch(new RegExp(`^\\| \`${flag}[ \`]`, "m"));
  });

  it("docs/deploy/README.md explains the read token where it says the routes are open", () => {
    const daemonSection = deployReadme.slice(deployReadme.indexOf("## The daemon under systemd"), deployReadme.indexOf("## Prometheus"));
    expect(daemonSection).toContain("CFGITOPS_READ_TOKEN");
    expect(daemonSection).toContain("CFGITOPS_PROTECT_METRICS=1");
    expect(daemonSection).toContain("CFGITOPS_PUBLIC_URL");
  });
});
