// docs/runbook.md has one section per alert in docs/deploy/prometheus-rules.yml (and no section for
// an alert that is gone), and every alert's runbook_url points at its section.
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { anchor, headings, prose, readDoc } from "./support/markdown.ts";

interface Rules {
  groups: { rules: { alert?: string; annotations?: Record<string, string> }[] }[];
}

const runbookBase = "https://github.com/cf-gitops/cf-gitops/blob/main/docs/runbook.md";
const rules = (parse(readDoc("docs/deploy/prometheus-rules.yml")) as Rules).groups.flatMap((group) => group.rules).filter((rule) => rule.alert);
const runbook = readDoc("docs/runbook.md");
const sections = headings(runbook).filter((heading) => /^CfGitops\w+$/.test(heading));

describe("docs/runbook.md", () => {
  it("has one section per alert, and none for an alert the rules lack", () => {
    expect(rules.length).toBeGreaterThanOrEqual(7);
    expect([...sections].sort()).toEqual(rules.map((rule) => rule.alert!).sort());
  });

  it("says for each alert what it means, how to look and how to fix", () => {
    for (const name of sections) {
      const start = runbook.indexOf(`\n## ${name}\n`);
      const end = runbook.indexOf("\n## ", start + 1);
      const body = runbook.slice(start, end < 0 ? undefined : end);
      for (const part of ["**What it means.**", "**How to look.**", "**How to fix.**"]) expect(body, `${name}: ${part}`).toContain(part);
    }
  });

  it("is where each alert's runbook_url points", () => {
    for (const rule of rules) expect(rule.annotations?.runbook_url, rule.alert).toBe(`${runbookBase}#${anchor(rule.alert!)}`);
  });

  it("links only to anchors it has", () => {
    const anchors = new Set(headings(runbook).map(anchor));
    const links = [...prose(runbook).matchAll(/\]\(#([^)]+)\)/g)].map(([, target]) => target!);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(anchors, link).toContain(link);
  });
});
