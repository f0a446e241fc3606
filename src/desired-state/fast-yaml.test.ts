// The fast reader must agree with yaml on everything it accepts, and hand everything else back.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { parseFastYaml } from "./fast-yaml.ts";
import { findInDocument, findInFast } from "./positions.ts";

const repo = join(import.meta.dirname, "..", "..");

const accepted = [
  "zone: example.com\n",
  "a: 1\nb: -2.5\nc: 0x1f\nd: 0o17\ne: 1e3\nf: .inf\ng: ~\nh: null\ni: true\nj: False\nk: 'it''s'\nl: \"tab\\there \\u00e9\"\nm:\n",
  "dns:\n  - { name: \"@\", type: AAAA, content: 2001:db8::10, proxied: true }\n  - name: www # comment\n    type: CNAME\n    content: example.com\n",
  "dns:\n- name: a\n  tags: [x, \"y z\", 3]\n- [1, [2, [3]]]\n- {}\n- []\n",
  "settings:\n  min_tls_version: \"1.2\"\n  tls: 1.2\n  always_use_https: on\n  url: http://localhost:3000/a#b\n",
  "# leading comment\n\nk: v # trailing\n\n# end\n",
  "a:\n  b:\n    c: d\n  e: f\ng: h\n",
  "list:\n  -\n    x: 1\n  - y\n",
  "k: { a: , b: 2 }\n",
  "dns:\n- a\n- b\nnext: 1\nlast:\n- c\n",
  "\"quoted key\": 1\n'single': 2\n",
];

const fallback = [
  "a: &x 1\nb: *x\n",
  "a: !!str 1\n",
  "a: |\n  text\n",
  "a: >-\n  text\n",
  "a: 1\na: 2\n",
  "a: plain\n  continued\n",
  "a: [1,\n  2]\n",
  "---\na: 1\n",
  "a:\r\n  b: 1\r\n",
  "a:\n\tb: 1\n",
  "? complex\n: key\n",
  "- - nested\n",
  "just a scalar\n",
  "a: b: c\n",
  "a: { b: 1, b: 2 }\n",
  "<<: { a: 1 }\n",
  "- a\nb: 1\n",
];

describe("parseFastYaml", () => {
  for (const text of accepted) {
    it(`agrees with yaml on ${JSON.stringify(text).slice(0, 60)}`, () => {
      const fast = parseFastYaml(text);
      expect(fast).toBeDefined();
      expect(fast!.value).toEqual(parse(text));
    });
  }

  for (const text of fallback) {
    it(`falls back on ${JSON.stringify(text).slice(0, 60)}`, () => {
      expect(parseFastYaml(text)).toBeUndefined();
    });
  }

  for (const file of ["desired-state/zones/example.net.yaml", "desired-state/services/home-assistant.yaml", "stacks/default.yaml"]) {
    it(`reads ${file} like yaml does`, () => {
      const text = readFileSync(join(repo, file), "utf8");
      expect(parseFastYaml(text)?.value).toEqual(parse(text));
    });
  }

  it("records key and value offsets", () => {
    const text = "zone: example.com\ndns:\n  - { name: www, type: A }\n";
    const fast = parseFastYaml(text)!;
    const dns = fast.root.keys!.get("dns")!;
    const record = dns.node.items![0]!;
    const type = record.keys!.get("type")!;
    expect(text.slice(type.keyStart, type.keyStart + 4)).toBe("type");
    expect(text.slice(type.node.start, type.node.start + 1)).toBe("A");
  });

  it("finds the same positions as yaml for every path of the example files", () => {
    const files = ["desired-state/zones/example.net.yaml", "stacks/default.yaml", "test/fixtures/bad/dns-srv-target-ip/desired-state/zones/example.com.yaml"];
    let compared = 0;
    for (const file of files) {
      const text = readFileSync(join(repo, file), "utf8");
      const fast = parseFastYaml(text)!;
      const [viaFast, viaYaml] = [findInFast(fast.root), findInDocument(parseDocument(text))];
      const walk = (value: unknown, path: (string | number)[]): void => {
        const [a, b] = [viaFast(path), viaYaml(path)];
        expect([a.start, a.keyStart, a.scalar?.range?.[0]]).toEqual([b.start, b.keyStart, b.scalar?.range?.[0]]);
        compared++;
        if (Array.isArray(value)) value.forEach((item, index) => walk(item, [...path, index]));
        else if (value && typeof value === "object") for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
      };
      walk(fast.value, []);
    }
    expect(compared).toBeGreaterThan(100);
  });
});
