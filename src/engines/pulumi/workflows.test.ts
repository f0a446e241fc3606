// The workflows the Pulumi engine depends on (issue 13): the conformance job runs on every change
// that can reach an engine, and previews and drift checks get the daemon's shared state backend.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = fileURLToPath(new URL("../../../", import.meta.url));

interface Workflow {
  on: Record<string, { paths?: string[] } | null>;
  jobs: Record<string, { steps?: { name?: string; run?: string; env?: Record<string, string> }[] }>;
}

const load = (path: string) => parse(readFileSync(join(root, path), "utf8")) as Workflow;

describe("pulumi-conformance.yml", () => {
  const workflow = load(".github/workflows/pulumi-conformance.yml");

  it("runs on every change that can affect the engines, for pushes and pull requests alike", () => {
    const push = workflow.on.push?.paths ?? [];
    expect(push).toEqual(expect.arrayContaining(["src/**", "test/**", "package.json", "package-lock.json", "tsconfig.json", "vitest.config.ts", "desired-state/**", "stacks/**"]));
    expect(workflow.on.pull_request?.paths).toEqual(push);
    // no narrower filter sneaks back in (src/engines/** alone missed src/desired-state and src/shared)
    expect(push.filter((path) => path.startsWith("src/"))).toEqual(["src/**"]);
  });
});

describe("previews and drift checks get the shared state backend", () => {
  const files = [".github/workflows/preview.yml", ".github/workflows/drift.yml", "templates/init/workflows/preview.yml", "templates/init/workflows/drift.yml"];
  for (const file of files) {
    it(`${file} passes the backend URL and its credentials from secrets to every cf-gitops plan or drift`, () => {
      const steps = Object.values(load(file).jobs).flatMap((job) => job.steps ?? []).filter((step) => /npx cf-gitops (plan|drift)\b/.test(step.run ?? ""));
      expect(steps.length).toBeGreaterThan(0);
      for (const step of steps) {
        expect(step.env).toMatchObject({
          PULUMI_BACKEND_URL: "${{ secrets.PULUMI_BACKEND_URL }}",
          AWS_ACCESS_KEY_ID: "${{ secrets.PULUMI_BACKEND_ACCESS_KEY_ID }}",
          AWS_SECRET_ACCESS_KEY: "${{ secrets.PULUMI_BACKEND_SECRET_ACCESS_KEY }}",
          PULUMI_ACCESS_TOKEN: "${{ secrets.PULUMI_ACCESS_TOKEN }}",
          PULUMI_CONFIG_PASSPHRASE: "${{ secrets.PULUMI_CONFIG_PASSPHRASE }}",
        });
      }
    });
  }

  it("the daemon's environment file names the same variables", () => {
    const text = readFileSync(join(root, "docs/deploy/env.example"), "utf8");
    for (const name of ["PULUMI_BACKEND_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "PULUMI_ACCESS_TOKEN", "PULUMI_CONFIG_PASSPHRASE"]) expect(text).toMatch(new RegExp(`^#? ?${name}=`, "m"));
  });
});
