// Every command in README.md's and docs/operations.md's shell blocks is run by a test or checked
// against what it names (issue 23). Each line must be claimed by one of the verifiers below: either
// a test runs it as the doc writes it (the test reads the line from the doc), or the line names
// things that are checked here (a unit that docs/deploy ships, a flag the installer has, a path the
// unit uses, a route the daemon serves). A new command in either doc fails this test until something
// runs or checks it. The `--help` check of every cf-gitops flag is test/docs-commands.test.ts.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { runMain } from "./support/captured-io.ts";
import { commandsOf, docCommands, shellBlocks } from "./support/doc-blocks.ts";
import { readDoc, repoRoot } from "./support/markdown.ts";

const docs = ["README.md", "docs/operations.md"];
const read = (path: string) => readFileSync(join(repoRoot, path), "utf8");
const unit = read("docs/deploy/cf-gitops.service");
const backupUnit = read("docs/deploy/cf-gitops-backup.service");
const installer = read("deploy/install.sh");
const installerHelp = spawnSync("sh", [join(repoRoot, "deploy/install.sh"), "--help"], { encoding: "utf8" }).stdout;
const manifest = JSON.parse(read("package.json")) as { files: string[]; scripts: Record<string, string>; repository: { url: string } };
const units = ["cf-gitops.service", "cf-gitops-backup.service", "cf-gitops-backup.timer"];
const unitPrefix = /^WorkingDirectory=(\S+)$/m.exec(unit)![1]!;

/** What runs or checks a command line: `null` when it does; else the problem. */
interface Verifier {
  by: string;
  match: RegExp;
  check(line: string): string | null;
}

const problem = (ok: boolean, message: string) => (ok ? null : message);
const unitNamed = (name: string) => units.includes(name) || units.includes(`${name}.service`);
const inTest = (file: string, text: string) => problem(read(file).includes(text), `${file} does not contain ${text}`);

const verifiers: Verifier[] = [
  {
    by: "test/packed-tool.test.ts runs the README's route as written (the clone of cf-gitops is the checkout it packs)",
    match: /^(git clone https:\/\/github\.com\/cf-gitops\/cf-gitops\.git && \(cd cf-gitops && npm ci && npm pack\)|mkdir my-cloudflare .*npm init -y|npm install \.\.\/cf-gitops\/cf-gitops-[\d.]+\.tgz|npx cf-gitops init --zone .*)$/,
    check: (line) =>
      inTest("test/packed-tool.test.ts", 'docCommands("README.md", "## Use it for your own account")') ??
      problem(docCommands("README.md", "## Use it for your own account").includes(line), "not in the README's route block") ??
      problem(!line.startsWith("git clone") || line.includes(manifest.repository.url.replace(/^git\+/, "")), "the clone URL is not package.json's repository"),
  },
  {
    by: "test/packed-tool.test.ts runs the README's daemon command from a fresh clone",
    match: /^CLOUDFLARE_API_TOKEN=\.\.\. CFGITOPS_WEBHOOK_SECRET=\.\.\. npx cf-gitops daemon /,
    check: () => inTest("test/packed-tool.test.ts", '"To try the daemon by hand first"'),
  },
  {
    by: "this file runs npm start (the script, with free ports) and .ci/run runs npm ci and npm test",
    match: /^npm ci && npm (start|test)$/,
    check: (line) => problem(line.endsWith("start") ? manifest.scripts.start === "node bin/cf-gitops.js start" : /^npm ci$/m.test(read(".ci/run")) && read(".ci/run").includes("npm test"), `${line}: not the script this file or .ci/run runs`),
  },
  {
    by: "test/install.test.ts runs the installer, which clones the repository and runs npm ci --omit=dev in the prefix",
    match: /^(sudo git clone \S+ \/opt\/cf-gitops|cd \/opt\/cf-gitops && sudo npm ci --omit=dev|sudo sh (node_modules\/cf-gitops|\/opt\/cf-gitops\/node_modules\/cf-gitops)\/deploy\/install\.sh( --\S+( \S+)?)*)$/,
    check: (line) =>
      problem(installer.includes("PREFIX=/opt/cf-gitops") && unitPrefix === "/opt/cf-gitops", "the prefix is not install.sh's and the unit's /opt/cf-gitops") ??
      problem(installer.includes("run npm ci --prefix \"$ROOT$PREFIX\" --omit=dev"), "install.sh does not run npm ci --omit=dev in the prefix") ??
      problem(manifest.files.includes("deploy/"), "deploy/ is not in the package, so node_modules/cf-gitops/deploy/install.sh would not exist") ??
      ([...line.matchAll(/ (--[a-z-]+)/g)].map(([, flag]) => flag!).filter((flag) => flag !== "--omit" && !installerHelp.includes(flag)).map((flag) => `install.sh has no ${flag}`)[0] ?? null) ??
      inTest("test/install.test.ts", '"--repo", upstream'),
  },
  {
    by: "checked: the file is the unit's EnvironmentFile",
    match: /^sudoedit (\S+)$/,
    check: (line) => problem(unit.includes(`EnvironmentFile=${line.split(" ")[1]}`), "not the unit's EnvironmentFile"),
  },
  {
    by: "checked: systemctl and journalctl name units docs/deploy ships",
    match: /^(sudo )?(systemctl (start|stop|status|list-timers) \S+|journalctl -u \S+.*)( && journalctl -u \S+ -f)?( \| (grep|jq) .*)?$/,
    check: (line) => {
      const named = [...line.matchAll(/(?:systemctl \w[\w-]* |journalctl -u )(\S+)/g)].map(([, name]) => name!);
      const missing = named.filter((name) => !unitNamed(name));
      if (missing.length > 0) return `no unit ${missing.join(", ")} in docs/deploy`;
      const fields = [...line.matchAll(/\.(level|runId|time|msg)\b/g)].map(([, field]) => field!);
      return problem(!fields.includes("runId") || read("src/daemon/run-executor.ts").includes("log.info({ runId"), "the daemon's log lines have no runId");
    },
  },
  {
    by: "checked: a journalctl option, no unit",
    match: /^journalctl --disk-usage$/,
    check: () => problem(readDoc("docs/operations.md").includes("SystemMaxUse"), "the doc no longer says how to cap the journal"),
  },
  {
    by: "checked: the unit's port and a route the daemon serves",
    match: /^curl -s http:\/\/localhost:(\d+)(\/\S+)$/,
    check: (line) => {
      const [, port, route] = /:(\d+)(\/\S+)$/.exec(line)!;
      return problem(unit.includes(`--port ${port}`), `the unit does not listen on ${port}`) ?? problem(read("src/status/api-routes.ts").includes(`pattern: /^\\${route!.replaceAll("/", "\\/").slice(1)}$/`), `the daemon serves no ${route}`);
    },
  },
  {
    by: "checked: the folder the backup unit writes to",
    match: /^ls -l (\S+)$/,
    check: (line) => problem(backupUnit.includes(`--out ${line.split(" ")[2]}`), "not the backup unit's --out"),
  },
  {
    by: "test/backup-e2e.test.ts runs restore (--check and --force are in restore --help, test/docs-commands.test.ts); the binary is the unit's",
    match: /^sudo -u cf-gitops (\S+)\/node_modules\/\.bin\/cf-gitops restore \S+ --data-dir (\S+) --(check|force)$/,
    check: (line) => problem(line.includes(`${unitPrefix}/node_modules/.bin/cf-gitops`) && line.includes(`--data-dir ${/CFGITOPS_DATA_DIR=(\S+)/.exec(unit)![1]}`), "not the unit's binary and data directory") ?? inTest("test/backup-e2e.test.ts", '"restore"'),
  },
  {
    by: "src/cli/log-file.test.ts runs --log-file with --log-max-size and --log-keep; tail -F follows the link it makes",
    match: /^(cf-gitops daemon --repo \.\.\. --log-file \S+ --log-max-size \S+ --log-keep \d+|tail -F \S+\/current\.log)$/,
    check: () => inTest("src/cli/log-file.test.ts", '"log-max-size": "2k", "log-keep": "2"') ?? inTest("src/cli/log-file.ts", "current.log"),
  },
  {
    by: "test/monitoring-stack.test.ts checks the compose file; the package ships deploy/",
    match: /^(cd \/opt\/cf-gitops\/node_modules\/cf-gitops|GRAFANA_ADMIN_PASSWORD=\S+ sudo -E docker compose -f (\S+) up -d)$/,
    check: (line) => problem(manifest.files.includes("deploy/"), "deploy/ is not in the package") ?? problem(!line.includes("compose -f") || existsSync(join(repoRoot, /-f (\S+)/.exec(line)![1]!)), "no such compose file") ?? inTest("test/monitoring-stack.test.ts", "compose.yaml"),
  },
  {
    by: "this file runs the README's 'by hand' commands: an emulator, its variables, then a plan that fails because it has no zones",
    match: /^(npx cf-gitops emulator --port \d+ &|export CLOUDFLARE_BASE_URL=\S+ CLOUDFLARE_API_TOKEN=\S+|npx cf-gitops plan --stack default)$/,
    check: (line) => problem(handCommands.includes(line), "not in the README's by-hand block"),
  },
];

const handCommands = docCommands("README.md", "Try the engines by hand");
const lines = docs.flatMap((doc) => shellBlocks(readDoc(doc)).flatMap(commandsOf).map((line) => ({ doc, line })));

describe("the commands in README.md and docs/operations.md", () => {
  it("are each run by a test or checked", () => {
    expect(lines.length).toBeGreaterThan(30);
    const problems = lines.flatMap(({ doc, line }) => {
      const verifier = verifiers.find((candidate) => candidate.match.test(line));
      if (!verifier) return [`${doc}: nothing runs or checks \`${line}\``];
      const found = verifier.check(line);
      return found ? [`${doc}: \`${line}\` (${verifier.by}): ${found}`] : [];
    });
    expect(problems).toEqual([]);
  });

  it("would notice a command nothing runs, and a unit that does not exist", () => {
    expect(verifiers.find((verifier) => verifier.match.test("rm -rf /opt/cf-gitops"))).toBeUndefined();
    const systemctl = verifiers.find((verifier) => verifier.match.test("sudo systemctl start cf-gitops-web"))!;
    expect(systemctl.check("sudo systemctl start cf-gitops-web")).toBe("no unit cf-gitops-web in docs/deploy");
  });

  it("runs the README's emulator and plan by hand: the plan fails, and the hint says the emulator has no zones", async () => {
    const [emulatorLine, exportLine, planLine] = handCommands;
    const port = / --port (\d+) &$/.exec(emulatorLine!)![1]!;
    const child = spawn(join(repoRoot, "node_modules/.bin/node"), [join(repoRoot, "bin/cf-gitops.js"), ...emulatorLine!.replace(/^npx cf-gitops /, "").replace(/ &$/, "").replace(`--port ${port}`, "--port 0").split(" ")], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      const url = await new Promise<string>((done, fail) => {
        createInterface({ input: child.stdout }).once("line", (line) => done(line.trim()));
        child.once("exit", (code) => fail(new Error(`the emulator exited with ${code}`)));
      });
      const exported = Object.fromEntries([...exportLine!.matchAll(/(\w+)=(\S+)/g)].map(([, name, value]) => [name!, value!.replace(`:${port}/`, `:${new URL(url).port}/`)]));
      expect(exported).toEqual({ CLOUDFLARE_BASE_URL: url, CLOUDFLARE_API_TOKEN: "any" });
      const plan = await runMain(planLine!.replace(/^npx cf-gitops /, "").split(" "), { cwd: repoRoot, env: { PATH: process.env.PATH ?? "", ...exported } });
      expect(plan.code).toBe(1);
      expect(plan.stderr).toMatch(/not found in the Cloudflare account/);
    } finally {
      child.kill("SIGTERM");
    }
  });

  it("runs npm start (with free ports and a data directory of its own): it prints the status page, metrics and emulator", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "cfg-npm-start-"));
    const child = spawn("npm", ["start", "--", "--port", "0", "--emulator-port", "0", "--data-dir", dataDir], { cwd: repoRoot, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", npm_config_update_notifier: "false" }, stdio: ["ignore", "pipe", "pipe"], detached: true });
    try {
      const output = await new Promise<string>((done, fail) => {
        let stdout = "";
        const timer = setTimeout(() => fail(new Error(`npm start printed no URLs in 60 s:\n${stdout}`)), 60_000);
        child.stdout.on("data", (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout.includes("Ctrl-C stops.")) {
            clearTimeout(timer);
            done(stdout);
          }
        });
        child.once("exit", (code) => fail(new Error(`npm start exited with ${code}:\n${stdout}`)));
      });
      expect(output).toMatch(/status page: http:\/\/127\.0\.0\.1:\d+\//);
      expect(output).toMatch(/metrics: +http:\/\/127\.0\.0\.1:\d+\/metrics/);
      expect(output).toMatch(/emulator: +http:\/\/127\.0\.0\.1:\d+\/client\/v4/);
      const health = await fetch(`${/status page: (\S+?)\/\n/.exec(output)![1]}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      process.kill(-child.pid!, "SIGTERM");
      await new Promise((done) => child.once("exit", done));
      // the daemon's run child may still be writing its last files when npm exits
      await rm(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    }
  }, 90_000);
});
