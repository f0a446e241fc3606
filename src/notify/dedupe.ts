// What was last announced per stack, so the same drift (or failure) is not repeated every check.
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { Change } from "../plan/types.ts";

export interface Announcement {
  fingerprint: string;
  /** Epoch milliseconds of the last announcement. */
  at: number;
}

/** Where announcements are remembered; the daemon may pass its own (e.g. backed by history). */
export interface DedupeStore {
  get(key: string): Promise<Announcement | undefined>;
  set(key: string, value: Announcement): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Same drift = the same changed resources and fields, in any order. */
export function driftFingerprint(changes: Pick<Change, "id" | "fields">[]): string {
  const lines = changes.map((change) => `${change.id}|${[...change.fields].sort().join(",")}`).sort();
  return hash(lines.join("\n"));
}

export function hash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export function createMemoryDedupeStore(): DedupeStore {
  const entries = new Map<string, Announcement>();
  return {
    get: async (key) => entries.get(key),
    set: async (key, value) => void entries.set(key, value),
    delete: async (key) => void entries.delete(key),
  };
}

/** A small JSON file (in the data dir), rewritten atomically; a damaged file counts as empty. */
export function createFileDedupeStore(path: string): DedupeStore {
  let queue: Promise<unknown> = Promise.resolve();
  async function load(): Promise<Record<string, Announcement>> {
    try {
      const parsed: unknown = JSON.parse(await readFile(path, "utf8"));
      return parsed !== null && typeof parsed === "object" ? (parsed as Record<string, Announcement>) : {};
    } catch {
      return {};
    }
  }
  async function save(entries: Record<string, Announcement>): Promise<void> {
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(entries, null, 2)}\n`);
    await rename(temporary, path);
  }
  // Writes are chained so two events in flight cannot lose each other's entry.
  function update(change: (entries: Record<string, Announcement>) => void): Promise<void> {
    const next = queue.then(async () => {
      const entries = await load();
      change(entries);
      await save(entries);
    });
    queue = next.catch(() => undefined);
    return next;
  }
  return {
    get: async (key) => {
      await queue;
      return (await load())[key];
    },
    set: (key, value) => update((entries) => void (entries[key] = value)),
    delete: (key) => update((entries) => void delete entries[key]),
  };
}
