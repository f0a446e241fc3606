import { describe, expect, it } from "vitest";
import { absent, fingerprintKeys, movedKeys, planFingerprint } from "./fingerprint.ts";
import { claim, emptyOwnership, type Resource } from "./resources.ts";
import type { Plan } from "./types.ts";

const record = (name: string, ttl: number, extra: Partial<Resource> = {}): Resource => ({
  kind: "dns-record", key: `example.com/dns/${name}/A`, variant: "192.0.2.1", id: `example.com/dns/${name}/A`, zone: "example.com", scope: "example.com", value: { name, ttl }, cloudId: `id-${name}`, ...extra,
});

describe("fingerprints of what a plan read", () => {
  const ownership = emptyOwnership();
  claim(ownership, "dns-record", "example.com");

  it("covers the touched keys (absent where nothing is live) and every owned key", () => {
    const prints = fingerprintKeys([record("www", 300), record("api", 300)], ownership, ["example.com/dns/new/A"]);
    expect(Object.keys(prints)).toEqual(["example.com/dns/api/A", "example.com/dns/new/A", "example.com/dns/www/A"]);
    expect(prints["example.com/dns/new/A"]).toBe(absent);
    expect(prints["example.com/dns/www/A"]).toMatch(/^[0-9a-f]{16}$/);
  });

  it("names what changed, appeared or went, and nothing for unowned, untouched objects", () => {
    const before = fingerprintKeys([record("www", 300), record("ro", 1, { readOnly: true })], ownership, []);
    expect(movedKeys(before, fingerprintKeys([record("www", 300), record("ro", 60, { readOnly: true })], ownership, Object.keys(before)))).toEqual([]);
    expect(movedKeys(before, fingerprintKeys([record("www", 600)], ownership, Object.keys(before)))).toEqual(["example.com/dns/www/A"]);
    expect(movedKeys(before, fingerprintKeys([record("www", 300), record("stray", 1)], ownership, Object.keys(before)))).toEqual(["example.com/dns/stray/A"]);
    expect(movedKeys(before, fingerprintKeys([], ownership, Object.keys(before)))).toEqual(["example.com/dns/www/A"]);
  });

  it("gives a plan one fingerprint that ignores where the YAML declared a change", () => {
    const plan: Plan = { stack: "default", engine: "native", changes: [{ kind: "dns-record", id: "example.com/dns/www/A", op: "update", fields: ["ttl"], before: { ttl: 300 }, after: { ttl: 600 } }] };
    const moved = { ...plan, changes: [{ ...plan.changes[0]!, source: { file: "z.yaml", line: 9, column: 3 } }] };
    expect(planFingerprint(moved)).toBe(planFingerprint(plan));
    expect(planFingerprint({ ...plan, stack: "other" })).not.toBe(planFingerprint(plan));
    expect(planFingerprint(JSON.parse(JSON.stringify(plan)) as Plan)).toBe(planFingerprint(plan));
  });
});
