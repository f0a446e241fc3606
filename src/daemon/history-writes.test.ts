// History writes that fail are logged, counted and shown, and a run's end is written later (issue 22 item 4).
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../shared/logger.ts";
import { createMetrics } from "../status/metrics.ts";
import { createHistoryWrites } from "./history-writes.ts";

function setup() {
  const lines: Array<{ msg: string; err?: string }> = [];
  const destination = new Writable({ write: (chunk: Buffer, _encoding, done) => done(void lines.push(JSON.parse(chunk.toString()) as { msg: string })) });
  const log = createLogger({ level: "info", destination });
  const metrics = createMetrics({ defaultMetrics: false });
  let changes = 0;
  const writes = createHistoryWrites({ metrics, log, signal: new AbortController().signal, changed: () => void changes++, retryMs: { first: 10, max: 40 } });
  const errors = async () => (await metrics.registry.getSingleMetric("cfgitops_history_write_errors_total")!.get()).values.find((v) => v.labels.stack === "default")?.value ?? 0;
  return { lines, writes, errors, changes: () => changes };
}

const locked = Object.assign(new Error("database is locked"), { code: "ERR_SQLITE_ERROR", errcode: 5, errstr: "database is locked" });

describe("history writes", () => {
  it("log, count and show a failed write, and rethrow it; a later success clears the problem", async () => {
    const { lines, writes, errors, changes } = setup();
    expect(() => writes.attempt("default", "the run", () => { throw locked; })).toThrow("database is locked");
    expect(lines.at(-1)).toMatchObject({ msg: "could not record the run in history", err: "database is locked" });
    expect(await errors()).toBe(1);
    expect(writes.current()).toMatchObject({ error: "database is locked", pendingEnds: 0 });
    expect(writes.attempt("default", "the run", () => 7)).toBe(7);
    expect(writes.current()).toBeUndefined();
    expect(changes()).toBe(2);
  });

  it("write a run's end in the background until it goes through", async () => {
    const { writes, errors } = setup();
    let attempts = 0;
    writes.finish("default", 4, () => {
      if (++attempts < 3) throw locked;
    });
    expect(writes.current()).toMatchObject({ pendingEnds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(attempts).toBe(3);
    expect(await errors()).toBe(2);
    expect(writes.current()).toBeUndefined();
  });
});
