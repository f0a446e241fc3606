import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { latestSchemaVersion, migrate, schemaVersion } from "./migrations.ts";
import { HistoryOpenError } from "./open-errors.ts";
import { createRedactor, type Redactor } from "../shared/redact.ts";
import { openHistory, type HistoryStore } from "./store.ts";

let dir: string;
let file: string;
let store: HistoryStore | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "cfg-history-"));
  file = join(dir, "data", "history.sqlite");
});
afterEach(() => {
  store?.close();
  store = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function open(redact?: Redactor): HistoryStore {
  store = openHistory(file, { secrets: ["s3cr3t-webhook-value"], ...(redact && { redact }) });
  return store;
}

describe("openHistory", () => {
  it("migrates an empty database (v0) to the latest schema, in WAL mode", () => {
    const history = open();
    expect(schemaVersion(history.db)).toBe(latestSchemaVersion);
    expect(latestSchemaVersion).toBeGreaterThanOrEqual(2);
    const mode = history.db.prepare("PRAGMA journal_mode").get() as { journal_mode: string };
    expect(mode.journal_mode).toBe("wal");
  });

  it("upgrades a v1 database with data, keeping its runs", () => {
    const db = new DatabaseSync(join(dir, "v1.sqlite"));
    expect(migrate(db, "v1.sqlite", 1)).toEqual([1]);
    db.prepare("INSERT INTO runs (stack, kind, triggers, started_at, result) VALUES ('prod', 'apply', 'poll', '2026-01-01T00:00:00.000Z', 'success')").run();
    db.close();
    store = openHistory(join(dir, "v1.sqlite"));
    expect(schemaVersion(store.db)).toBe(latestSchemaVersion);
    const [run] = store.listRuns();
    expect(run).toMatchObject({ stack: "prod", kind: "apply", result: "success", triggers: ["poll"] });
    expect(run?.summary).toBeUndefined();
  });

  it("refuses a database from a newer cf-gitops, naming the file", () => {
    const db = new DatabaseSync(join(dir, "new.sqlite"));
    db.exec("PRAGMA user_version = 99");
    db.close();
    expect(() => openHistory(join(dir, "new.sqlite"))).toThrow(/new\.sqlite has schema version 99/);
  });

  function openError(path: string): HistoryOpenError {
    try {
      openHistory(path);
    } catch (error) {
      expect(error).toBeInstanceOf(HistoryOpenError);
      return error as HistoryOpenError;
    }
    throw new Error(`${path} opened`);
  }

  it("names a damaged file, says it is not a database, offers restore or moving it aside, and leaves it alone", () => {
    const garbage = join(dir, "garbage.sqlite");
    const bytes = Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 256));
    writeFileSync(garbage, bytes);
    const error = openError(garbage);
    expect(error.message).toBe(`history database ${garbage} is damaged: file is not a database (it is not a readable SQLite database)`);
    expect(error.hint).toContain("`cf-gitops restore`");
    expect(error.hint).toContain(`mv ${garbage} ${garbage}.damaged`);
    expect(readFileSync(garbage).equals(bytes)).toBe(true);
  });

  it("finds damage past the schema (a table's pages overwritten) when it opens, with the same message (issue 22 item 11)", () => {
    const history = open();
    for (let i = 0; i < 300; i++) {
      const id = history.startRun({ stack: "prod", kind: "apply", trigger: "poll", message: `commit ${i} ${"x".repeat(200)}` });
      history.finishRun(id, { result: "success" });
    }
    const { rootpage } = history.db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'runs'").get() as { rootpage: number };
    const { page_size: pageSize } = history.db.prepare("PRAGMA page_size").get() as { page_size: number };
    history.close();
    store = undefined;
    const bytes = readFileSync(file);
    bytes.fill(0xa5, (rootpage - 1) * pageSize, rootpage * pageSize);
    writeFileSync(file, bytes);
    const error = openError(file);
    expect(error.message).toMatch(new RegExp(`^history database ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is damaged: `));
    expect(error.hint).toContain("`cf-gitops restore`");
    expect(error.hint).toContain(`mv ${file} ${file}.damaged`);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  // Tests run as root, so permissions would not stop them: a path whose parent is a regular file
  // cannot be created by anyone, and a directory where the file should be cannot be opened.
  it("names a location it cannot create or open, and says which directory must be writable", () => {
    writeFileSync(join(dir, "a-file"), "not a directory\n");
    const underFile = join(dir, "a-file", "history.sqlite");
    const blocked = openError(underFile);
    expect(blocked.message).toBe(`cannot open the history database ${underFile}: a file is in the way of a directory on its path`);
    expect(blocked.hint).toContain(`make ${join(dir, "a-file")} a writable directory`);
    expect(readFileSync(join(dir, "a-file"), "utf8")).toBe("not a directory\n");
    const directory = join(dir, "dir.sqlite");
    mkdirSync(directory);
    expect(openError(directory).message).toBe(`cannot open the history database ${directory}: unable to open database file`);
  });
});

describe("runs", () => {
  it("stores a run with changes, policy results and drift, and survives reopening", () => {
    let history = open();
    const id = history.startRun({ stack: "prod", kind: "apply", trigger: ["webhook", "poll", "webhook"], branch: "main" });
    expect(history.getRun(id)?.result).toBe("running");
    history.setCommit(id, { commit: "a".repeat(40), author: "Ada", message: "add www" });
    history.recordChanges(id, [
      { kind: "dns-record", id: "example.com/dns/www/A/203.0.113.10", zone: "example.com", op: "create", fields: ["content"], after: { content: "203.0.113.10" }, outcome: "applied" },
    ]);
    history.recordPolicyResults(id, [{ policy: "no-mass-delete", level: "mandatory", status: "pass" }]);
    history.recordDrift(id, [{ zone: "example.com", kind: "dns-record", id: "example.com/dns/www/A/203.0.113.10", op: "update", fields: ["ttl"], before: { ttl: 300 }, after: { ttl: 1 } }]);
    history.finishRun(id, { result: "success", summary: { create: 1, update: 0, delete: 0, replace: 0, import: 0 } });
    history.close();

    history = open();
    const run = history.getRun(id);
    expect(run).toMatchObject({
      stack: "prod", kind: "apply", triggers: ["webhook", "poll"], commit: "a".repeat(40), branch: "main", author: "Ada",
      message: "add www", result: "success", summary: { create: 1 },
    });
    expect(run?.durationMs).toBeGreaterThanOrEqual(0);
    expect(run?.changes).toEqual([expect.objectContaining({ op: "create", after: { content: "203.0.113.10" }, outcome: "applied" })]);
    expect(run?.policy).toEqual([{ policy: "no-mass-delete", level: "mandatory", status: "pass" }]);
    expect(run?.drift[0]).toMatchObject({ zone: "example.com", fields: ["ttl"], before: { ttl: 300 }, after: { ttl: 1 } });
    expect(history.getRun(9999)).toBeUndefined();
  });

  it("listRunDetails returns the same children as getRun for each run, in one batch", () => {
    const history = open();
    for (let index = 0; index < 4; index += 1) {
      const id = history.startRun({ stack: index === 2 ? "other" : "prod", kind: "apply", trigger: "poll" });
      history.recordChanges(id, [{ kind: "dns-record", id: `r${index}`, op: "create", fields: ["content"] }, { kind: "zone", id: `z${index}`, op: "create", fields: [] }]);
      if (index === 1) history.recordDrift(id, [{ kind: "dns-record", id: "d", op: "update", fields: ["ttl"] }]);
      history.finishRun(id, { result: "success" });
    }
    const details = history.listRunDetails({ stack: "prod", limit: 10 });
    expect(details.map((run) => run.id)).toEqual([4, 2, 1]);
    for (const run of details) expect(run).toEqual(history.getRun(run.id));
    expect(details[1]?.drift).toHaveLength(1);
  });

  it("lists newest first, filtered by stack and limited", () => {
    const history = open();
    for (let index = 0; index < 5; index += 1) history.startRun({ stack: index % 2 ? "a" : "b", kind: "drift", trigger: "schedule" });
    expect(history.listRuns({ limit: 2 }).map((run) => run.id)).toEqual([5, 4]);
    expect(history.listRuns({ stack: "a" }).map((run) => run.id)).toEqual([4, 2]);
    expect(history.stacks()).toEqual(["a", "b"]);
  });

  it("latestDrift returns the newest completed drift check's items", () => {
    const history = open();
    const first = history.startRun({ stack: "prod", kind: "drift", trigger: "schedule" });
    history.recordDrift(first, [{ kind: "dns-record", id: "x", op: "update", fields: ["ttl"] }]);
    history.finishRun(first, { result: "success" });
    const failed = history.startRun({ stack: "prod", kind: "drift", trigger: "schedule" });
    history.finishRun(failed, { result: "failure", error: "network" });
    expect(history.latestDrift("prod")).toMatchObject({ run: { id: first }, items: [{ id: "x" }] });
    const clean = history.startRun({ stack: "prod", kind: "drift", trigger: "schedule" });
    history.finishRun(clean, { result: "success" });
    expect(history.latestDrift("prod")).toMatchObject({ run: { id: clean }, items: [] });
    expect(history.latestDrift("other")).toBeUndefined();
  });
});

describe("crash recovery and retention", () => {
  it("keeps a started run when the writing process is killed with SIGKILL", () => {
    const store = new URL("./store.ts", import.meta.url).pathname;
    const script = `import { openHistory } from ${JSON.stringify(store)};
      const history = openHistory(${JSON.stringify(file)});
      const id = history.startRun({ stack: "prod", kind: "apply", trigger: "webhook" });
      history.recordChanges(id, [{ kind: "dns-record", id: "x", op: "create", fields: [] }]);
      process.kill(process.pid, "SIGKILL");`;
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(child.signal).toBe("SIGKILL");
    const history = open();
    const [run] = history.markRunningAsInterrupted();
    expect(run).toMatchObject({ stack: "prod", result: "interrupted" });
    expect(history.getRun(run!.id)?.changes).toHaveLength(1);
  });

  it("marks runs left running by a killed process as interrupted", () => {
    let history = open();
    const done = history.startRun({ stack: "prod", kind: "apply", trigger: "poll" });
    history.finishRun(done, { result: "success" });
    const crashed = history.startRun({ stack: "prod", kind: "apply", trigger: "webhook" });
    history.close(); // the process dies here

    history = open();
    const interrupted = history.markRunningAsInterrupted();
    expect(interrupted.map((run) => run.id)).toEqual([crashed]);
    expect(history.getRun(crashed)).toMatchObject({ result: "interrupted", error: expect.stringMatching(/crash or kill/) });
    expect(history.getRun(done)?.result).toBe("success");
    expect(history.markRunningAsInterrupted()).toEqual([]);
  });

  it("prunes old runs with their children but keeps the newest of each stack and kind", () => {
    const history = open();
    const old = new Date("2026-01-01T00:00:00Z");
    const ids = [0, 1, 2].map(() => history.startRun({ stack: "prod", kind: "drift", trigger: "schedule", startedAt: old }));
    for (const id of ids) {
      history.recordDrift(id, [{ kind: "dns-record", id: "x", op: "update", fields: ["ttl"] }]);
      history.finishRun(id, { result: "success", finishedAt: old });
    }
    const recent = history.startRun({ stack: "prod", kind: "apply", trigger: "poll" });
    history.finishRun(recent, { result: "success" });
    const removed = history.prune({ keepDays: 30, now: new Date("2026-03-01T00:00:00Z") });
    expect(removed).toBe(2);
    expect(history.listRuns().map((run) => run.id)).toEqual([recent, ids[2]]);
    const orphans = history.db.prepare("SELECT COUNT(*) AS n FROM drift_items WHERE run_id IN (?, ?)").get(ids[0]!, ids[1]!) as { n: number };
    expect(orphans.n).toBe(0);
  });

  it("prunes one stack by its own retention, leaving the other stacks' runs", () => {
    const history = open();
    const old = new Date("2026-01-01T00:00:00Z");
    const run = (stack: string) => {
      const id = history.startRun({ stack, kind: "drift", trigger: "schedule", startedAt: old });
      history.finishRun(id, { result: "success", finishedAt: old });
      return id;
    };
    const [home1, work1] = [run("home"), run("work"), run("home"), run("work")];
    expect(history.prune({ keepDays: 30, now: new Date("2026-03-01T00:00:00Z"), stack: "home" })).toBe(1);
    const left = history.listRuns().map((entry) => entry.id);
    expect(left).not.toContain(home1);
    expect(left).toContain(work1);
  });

  it("records each write's outcome while the run is going: on its planned change, or as a new change", () => {
    const history = open();
    const id = history.startRun({ stack: "prod", kind: "apply", trigger: "webhook" });
    history.recordChanges(id, [
      { kind: "dns-record", id: "a", op: "create", fields: [], outcome: "planned" },
      { kind: "zone-settings", id: "b", op: "update", fields: ["value"], outcome: "planned" },
    ]);
    history.upsertChangeOutcome(id, { kind: "dns-record", id: "a", op: "create", status: "applied" });
    history.upsertChangeOutcome(id, { kind: "tunnel-service", id: "c", op: "create", status: "failed", error: "rejected s3cr3t-webhook-value" });
    expect(history.getRun(id)?.changes.map((change) => [change.id, change.outcome, change.error])).toEqual([
      ["a", "applied", undefined], ["b", "planned", undefined], ["c", "failed", "rejected [redacted]"],
    ]);
    expect(history.getRun(id)?.result).toBe("running");
  });
});

describe("secrets", () => {
  it("never stores a known secret or a token-shaped string in errors and diagnostics", () => {
    const history = open();
    const id = history.startRun({ stack: "prod", kind: "apply", trigger: "manual" });
    history.finishRun(id, {
      result: "failure",
      error: "request failed: Authorization: Bearer abcdefghijklmnop1234 secret s3cr3t-webhook-value",
      diagnostics: [{ message: "token=ghp_abcdefghijklmnopqrstuvwxyz0123456789" }],
    });
    history.recordChanges(id, [{ kind: "dns-record", id: "t", op: "create", fields: ["content"], after: { content: "v=s3cr3t-webhook-value" } }]);
    const raw = JSON.stringify(history.db.prepare("SELECT * FROM runs").all()) + JSON.stringify(history.db.prepare("SELECT * FROM run_changes").all());
    expect(raw).not.toContain("abcdefghijklmnop1234");
    expect(raw).not.toContain("s3cr3t-webhook-value");
    expect(raw).not.toContain("ghp_abc");
    expect(history.getRun(id)?.error).toContain("[redacted]");
  });

  it("scrubs secrets added later to its redactor (a stack's token, once the daemon learns its variable) from then on", () => {
    const redact = createRedactor();
    const history = open(redact);
    redact.add(["work-account-value-42", undefined, "abc"]);
    const id = history.startRun({ stack: "work", kind: "apply", trigger: "manual" });
    history.finishRun(id, { result: "failure", error: "rejected work-account-value-42 (abc)" });
    expect(history.getRun(id)?.error).toBe("rejected [redacted] (abc)");
  });
});
