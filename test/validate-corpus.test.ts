// The corpus of bad inputs (test/fixtures/bad/<case>/, each a small repository): every case must
// fail validation with exactly the diagnostics in its expect.json (code, file, line, column),
// through the command's own entry point, without a stack trace.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runMain, type CliRun } from "./support/captured-io.ts";

const corpus = join(import.meta.dirname, "fixtures", "bad");
const cases = readdirSync(corpus).sort();

interface Expected {
  code: string;
  file: string;
  line: number;
  column: number;
  message?: string;
}

function validate(cwd: string, args: string[] = ["--format", "json"]): Promise<CliRun> {
  return runMain(["validate", ...args], { cwd });
}

describe("bad-input corpus", () => {
  it("has at least 40 cases and covers every semantic rule and hostile-YAML case", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    const codes = new Set(cases.flatMap((name) => (JSON.parse(readFileSync(join(corpus, name, "expect.json"), "utf8")) as Expected[]).map((e) => e.code)));
    const required = [
      "dns-duplicate-record", "dns-cname-not-alone", "dns-proxied-not-proxiable", "dns-ttl-out-of-range", "dns-ttl-with-proxied",
      "dns-invalid-ipv4", "dns-invalid-ipv6", "dns-target-is-ip", "dns-name-outside-zone", "zone-file-name-mismatch", "zone-duplicate",
      "firewall-duplicate-ref", "firewall-expression-syntax", "service-hostname-outside-zones", "service-hostname-duplicate",
      "service-tunnel-unknown", "service-hostname-collides-dns", "schema-unknown-key",
      "yaml-alias-bomb", "yaml-empty-file", "yaml-unsupported-tag", "yaml-duplicate-key", "dns-txt-quoted",
    ];
    expect(required.filter((code) => !codes.has(code))).toEqual([]);
  });

  for (const name of cases) {
    it(name, async () => {
      const dir = join(corpus, name);
      const expected = JSON.parse(readFileSync(join(dir, "expect.json"), "utf8")) as Expected[];
      const result = await validate(dir);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe("");
      const report = JSON.parse(result.stdout) as { valid: boolean; diagnostics: Array<Expected & { severity: string; message: string }> };
      expect(report.valid).toBe(false);
      // An expectation may also pin the message, where its wording is the point of the case.
      const found = report.diagnostics.map(({ code, file, line, column, message }, i) => ({ code, file, line, column, ...(expected[i]?.message === undefined ? {} : { message }) }));
      expect(found).toEqual(expected);
      for (const d of report.diagnostics) expect(d.message).not.toMatch(/\n\s+at /);
    });
  }

  it("suggests the closest key for a misspelt one (proxy -> proxied)", async () => {
    const result = await validate(join(corpus, "schema-unknown-key-proxy"));
    const [diagnostic] = (JSON.parse(result.stdout) as { diagnostics: Array<{ hint?: string }> }).diagnostics;
    expect(diagnostic?.hint).toBe('did you mean "proxied"?');
  });

  it("text format shows file:line:col, the source line and a caret under the column", async () => {
    const result = await validate(join(corpus, "dns-ttl-too-low"), []);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("desired-state/zones/example.com.yaml:6:10: error dns-ttl-out-of-range: ttl 30 is out of range\n  6 |     ttl: 30\n    |          ^\n");
    expect(result.stdout).toContain("1 error, 0 warnings in 1 file");
  });

  it("github format prints workflow commands", async () => {
    const result = await validate(join(corpus, "firewall-duplicate-ref"), ["--format", "github"]);
    expect(result.stdout).toBe(
      '::error file=desired-state/zones/example.com.yaml,line=6,col=10,title=firewall-duplicate-ref::duplicate firewall ref "block-bots"%0Ahint: "block-bots" is already used at line 3; every rule needs its own ref\n',
    );
  });
});
